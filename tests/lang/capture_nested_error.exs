# A capture with arguments inside another capture is a compile error, as in
# Elixir; nothing runs.
# exit: 1
IO.puts "not reached"
f = &(&1 + (&(&1)).(1))
IO.inspect f.(1)
