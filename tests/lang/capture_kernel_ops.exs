# Operator captures (&+/2, &<=/2) and &Kernel.is_atom/1 are the :erlang
# export funs Elixir 1.14 makes (&:erlang."=<"/2); &Kernel.elem/2 stays.
IO.inspect(&+/2)
IO.inspect(&<=/2)
IO.inspect(&!==/2)
IO.inspect(&not/1)
IO.inspect(&-/1)
IO.inspect((&+/2).(1, 2))
IO.inspect((&<=/2).(1, 2))
IO.inspect(Enum.reduce([1,2,3], &*/2))
IO.inspect((&--/2).([1,2],[1]))
IO.inspect(&Kernel.<=/2)
IO.inspect((&-/1).(5))
IO.inspect(&Kernel.is_atom/1)
IO.inspect(&Kernel.length/1)
IO.inspect(&Kernel.elem/2)
IO.inspect(&Kernel.function_exported?/3)
IO.inspect((&Kernel.abs/1).(-1))

# expect: &:erlang.+/2
# expect: &:erlang."=<"/2
# expect: &:erlang."=/="/2
# expect: &:erlang.not/1
# expect: &:erlang.-/1
# expect: 3
# expect: true
# expect: 6
# expect: [2]
# expect: &:erlang."=<"/2
# expect: -5
# expect: &:erlang.is_atom/1
# expect: &:erlang.length/1
# expect: &Kernel.elem/2
# expect: &:erlang.function_exported/3
# expect: 1
