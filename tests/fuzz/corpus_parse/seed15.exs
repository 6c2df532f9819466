IO.puts "x"
foo bar, baz: 1
@doc """
doc
"""
