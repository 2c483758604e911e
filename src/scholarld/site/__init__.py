"""The published site: static pages with embedded JSON-LD, per-resource RDF documents,
dumps and deployment configuration (``scholarld build``), served by ``scholarld serve``."""
