# System.halt/1 exits with the given status at once.
IO.puts("halting")
System.halt(3)
IO.puts("never")
# expect: halting
# exit: 3
