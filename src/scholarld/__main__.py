from scholarld.cli import main

main()
