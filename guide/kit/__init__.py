"""The career-fair kit: a two-sided flyer and a table-top poster drawn from the same pack,
data and brand as the booklet, through the booklet's own finishing and writing steps."""
