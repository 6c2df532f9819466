# An fn inside a capture is part of it: its &1 is the capture's argument.
g = fn x -> x * 2 end
tasks = Enum.map([1, 2, 3], &Task.async(fn -> g.(&1) end))
IO.inspect Enum.map(tasks, &Task.await/1)
f = &(fn -> &1 end)
IO.inspect f.(5).()
IO.inspect Enum.map([1, 2], &(fn y -> {&1, y} end)) |> Enum.map(& &1.(0))
h = &(fn x -> x + &1 + &2 end)
IO.inspect h.(1, 2).(3)
IO.inspect Enum.map([[1], [2, 3]], &Enum.map(&1, fn y -> y * 10 end))
# expect: [2, 4, 6]
# expect: 5
# expect: [{1, 0}, {2, 0}]
# expect: 6
# expect: ['\n', [20, 30]]
