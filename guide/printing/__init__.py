"""Print editions: bleed and crop marks, colour conversion for press, saddle-stitch imposition."""
