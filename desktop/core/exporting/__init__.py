"""Export of projects to the formats other systems and colleagues take (.xlsx, .docx)."""
