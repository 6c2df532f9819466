# exit: 1
# exit(self(), :normal) is not ignored by the caller itself: the main
# process stops there, and the script ends with status 1 as elixir's.
IO.puts("before")
try do
  Process.exit(self(), :normal)
  IO.puts("no try saves it")
catch
  :exit, _ -> IO.puts("not caught either")
end
IO.puts("after")
# expect: before
