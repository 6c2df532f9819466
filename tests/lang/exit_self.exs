# Process.exit(self(), reason): :kill is untrappable and no try saves the
# process; :normal sent to oneself stops the caller too (OTP: a process's
# own normal exit signal is not ignored); a process that traps exits gets
# other reasons as a message.
{pid, ref} = spawn_monitor(fn ->
  try do
    Process.exit(self(), :kill)
    IO.puts("ran on after :kill")
  catch
    :exit, _ -> IO.puts("caught a kill")
  end
  IO.puts("survived a kill")
end)
receive do
  {:DOWN, ^ref, :process, ^pid, reason} -> IO.inspect(reason)
end
# expect: :killed
{pid, ref} = spawn_monitor(fn -> Process.exit(self(), :kill) end)
receive do
  {:DOWN, ^ref, :process, ^pid, reason} -> IO.inspect(reason)
end
# expect: :killed
{pid, ref} = spawn_monitor(fn ->
  Process.exit(self(), :normal)
  IO.puts("not printed: the normal self-signal stops it")
end)
receive do
  {:DOWN, ^ref, :process, ^pid, reason} -> IO.inspect(reason)
end
# expect: :normal
{pid, ref} = spawn_monitor(fn -> Process.exit(self(), :boom) end)
receive do
  {:DOWN, ^ref, :process, ^pid, reason} -> IO.inspect(reason)
end
# expect: :boom
Process.flag(:trap_exit, true)
Process.exit(self(), :boom)
me = self()
receive do
  {:EXIT, ^me, reason} -> IO.inspect(reason)
end
# expect: :boom
IO.inspect("abc" =~ "b")
# expect: true
IO.inspect("abc" =~ ~r/^a/)
# expect: true
