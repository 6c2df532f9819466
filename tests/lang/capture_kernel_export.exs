# &name/arity of a Kernel function makes the export fun Elixir 1.14 makes:
# &:erlang.is_atom/1 for the builtins Kernel inlines, &Kernel.inspect/1 for
# Kernel's own; they call as before. Expected output from Elixir 1.14.
defmodule M do
  def run do
    fs = [&abs/1, &apply/2, &apply/3, &binary_part/3, &bit_size/1, &byte_size/1, &ceil/1, &div/2, &exit/1, &floor/1,
      &function_exported?/3, &hd/1, &is_atom/1, &is_binary/1, &is_bitstring/1, &is_boolean/1, &is_float/1,
      &is_function/1, &is_function/2, &is_integer/1, &is_list/1, &is_map/1, &is_number/1, &is_pid/1, &is_port/1,
      &is_reference/1, &is_tuple/1, &length/1, &make_ref/0, &map_size/1, &max/2, &min/2, &node/0, &node/1,
      &rem/2, &round/1, &self/0, &send/2, &spawn/1, &spawn/3, &spawn_link/1, &spawn_link/3, &spawn_monitor/1,
      &spawn_monitor/3, &throw/1, &tl/1, &trunc/1, &tuple_size/1, &binary_slice/2, &binary_slice/3, &elem/2,
      &get_and_update_in/3, &get_in/2, &inspect/1, &inspect/2, &is_map_key/2, &macro_exported?/3, &pop_in/2,
      &put_elem/3, &put_in/3, &struct/1, &struct/2, &struct!/1, &struct!/2, &update_in/3]
    for f <- fs, do: IO.inspect(f)
    IO.inspect((&length/1).([1, 2]))
    IO.inspect(Enum.map([1, -2], &abs/1))
    IO.inspect((&elem/2).({1, 2}, 1))
    IO.inspect((&max/2).(3, 4))
    IO.inspect((&get_in/2).(%{a: %{b: 1}}, [:a, :b]))
    IO.inspect((&put_elem/3).({1, 2}, 0, :x))
    IO.inspect((&is_map_key/2).(%{a: 1}, :a))
    IO.inspect((&binary_slice/3).("hello", 1, 2))
    IO.inspect((&struct/2).(URI, host: "h").host)
    IO.inspect((&function_exported?/3).(Enum, :map, 2))
    IO.inspect((&div/2).(7, 2))
    IO.inspect((&length/1) == (&:erlang.length/1))
    IO.inspect(hd(Enum.map([[1]], &hd/1)))
    IO.inspect((try do (&throw/1).(:t) catch x -> x end))
  end
end
M.run()

# expect: &:erlang.abs/1
# expect: &:erlang.apply/2
# expect: &:erlang.apply/3
# expect: &:erlang.binary_part/3
# expect: &:erlang.bit_size/1
# expect: &:erlang.byte_size/1
# expect: &:erlang.ceil/1
# expect: &:erlang.div/2
# expect: &:erlang.exit/1
# expect: &:erlang.floor/1
# expect: &:erlang.function_exported/3
# expect: &:erlang.hd/1
# expect: &:erlang.is_atom/1
# expect: &:erlang.is_binary/1
# expect: &:erlang.is_bitstring/1
# expect: &:erlang.is_boolean/1
# expect: &:erlang.is_float/1
# expect: &:erlang.is_function/1
# expect: &:erlang.is_function/2
# expect: &:erlang.is_integer/1
# expect: &:erlang.is_list/1
# expect: &:erlang.is_map/1
# expect: &:erlang.is_number/1
# expect: &:erlang.is_pid/1
# expect: &:erlang.is_port/1
# expect: &:erlang.is_reference/1
# expect: &:erlang.is_tuple/1
# expect: &:erlang.length/1
# expect: &:erlang.make_ref/0
# expect: &:erlang.map_size/1
# expect: &:erlang.max/2
# expect: &:erlang.min/2
# expect: &:erlang.node/0
# expect: &:erlang.node/1
# expect: &:erlang.rem/2
# expect: &:erlang.round/1
# expect: &:erlang.self/0
# expect: &:erlang.send/2
# expect: &:erlang.spawn/1
# expect: &:erlang.spawn/3
# expect: &:erlang.spawn_link/1
# expect: &:erlang.spawn_link/3
# expect: &:erlang.spawn_monitor/1
# expect: &:erlang.spawn_monitor/3
# expect: &:erlang.throw/1
# expect: &:erlang.tl/1
# expect: &:erlang.trunc/1
# expect: &:erlang.tuple_size/1
# expect: &Kernel.binary_slice/2
# expect: &Kernel.binary_slice/3
# expect: &Kernel.elem/2
# expect: &Kernel.get_and_update_in/3
# expect: &Kernel.get_in/2
# expect: &Kernel.inspect/1
# expect: &Kernel.inspect/2
# expect: &Kernel.is_map_key/2
# expect: &Kernel.macro_exported?/3
# expect: &Kernel.pop_in/2
# expect: &Kernel.put_elem/3
# expect: &Kernel.put_in/3
# expect: &Kernel.struct/1
# expect: &Kernel.struct/2
# expect: &Kernel.struct!/1
# expect: &Kernel.struct!/2
# expect: &Kernel.update_in/3
# expect: 2
# expect: [1, 2]
# expect: 2
# expect: 4
# expect: 1
# expect: {:x, 2}
# expect: true
# expect: "el"
# expect: "h"
# expect: true
# expect: 3
# expect: true
# expect: 1
# expect: :t
