"""Timeline diagrams: text fitting, the year scale, and the path, strip and calendar drawings."""
