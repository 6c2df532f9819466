# An uncaught error prints to stderr and exits with status 1.
IO.puts("before")
raise "boom"
IO.puts("never")
# expect: before
# exit: 1
