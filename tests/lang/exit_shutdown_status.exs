# exit({:shutdown, n}) from the script ends the run with status n.
# exit: 4
IO.puts("stopping")
exit({:shutdown, 4})
IO.puts("not reached")

# expect: stopping
