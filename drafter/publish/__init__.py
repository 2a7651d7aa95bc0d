"""From draft to publication: trace figures to their cells, verify an edited document, PDF."""
