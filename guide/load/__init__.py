"""Load stage: the content pack, its data tables and timeline, and the brand file, read and
validated into the frozen records of guide.model."""
