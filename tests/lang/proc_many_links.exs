# A process with hundreds of links (as a supervisor has): every link is
# reported by Process.info, unlinking in any order removes exactly those,
# the set can shrink and grow again, and the exits of the linked ones
# still arrive, no others. Counts are relative to the links the script
# process starts with.
Process.flag(:trap_exit, true)
links = fn -> length(elem(Process.info(self(), :links), 1)) end
start = fn tag, range ->
  for i <- range, do: spawn_link(fn -> receive do :stop -> exit({tag, i}) end end)
end
base = links.()
old = start.(:old, 1..600)
IO.inspect(links.() - base)
{gone, kept} = Enum.split_with(old, fn pid -> rem(:erlang.phash2(pid), 60) != 0 end)
Enum.each(Enum.reverse(gone), &Process.unlink/1)
IO.inspect(links.() - base == length(kept))
new = start.(:new, 1..40)
{drop, _stay} = Enum.split(Enum.shuffle(new), 20)
Enum.each(drop, &Process.unlink/1)
IO.inspect(links.() - base == length(kept) + 20)
Enum.each(old ++ new, &send(&1, :stop))
got = for _ <- 1..(length(kept) + 20), do: (receive do {:EXIT, _, {tag, _}} -> tag end)
IO.inspect(Enum.frequencies(got) == %{old: length(kept), new: 20})
receive do {:EXIT, _, _} -> IO.puts("an exit too many") after 100 -> IO.puts("no other exit") end
IO.inspect(links.() - base)
# expect: 600
# expect: true
# expect: true
# expect: true
# expect: no other exit
# expect: 0
