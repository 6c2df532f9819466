# Access paths, Range helpers and Kernel's then/tap.
defmodule T do
  def err(f) do
    try do
      f.()
    rescue
      e -> {e.__struct__, Exception.message(e)}
    end
  end
end

users = %{"john" => %{age: 27, langs: [:elixir, :c]}, "mary" => %{age: 29, langs: []}}
IO.inspect(get_in(users, ["john", :age]))
IO.inspect(get_in(users, ["nobody", :age]))
IO.inspect(put_in(users, ["john", :age], 28)["john"])
IO.inspect(update_in(users, ["mary", :age], &(&1 + 1))["mary"])
IO.inspect(pop_in(users, ["john", :langs]) |> elem(0))
IO.inspect(get_and_update_in(users, ["john", :age], &{&1, &1 * 2}) |> elem(0))
IO.inspect(get_in([a: [b: 1]], [:a, :b]))
IO.inspect(put_in([a: [b: 1]], [:a, :c], 2))
IO.inspect(get_in(%{l: [10, 20, 30]}, [:l, Access.at(1)]))
IO.inspect(update_in(%{l: [10, 20, 30]}, [:l, Access.all()], &(&1 + 1)))
IO.inspect(get_in(%{l: [{1, 2}, {3, 4}]}, [:l, Access.all(), Access.elem(1)]))
IO.inspect(update_in(%{l: [1, 2, 3, 4]}, [:l, Access.filter(&(&1 > 2))], &(-&1)))
IO.inspect(get_in(%{a: %{b: 5}}, [Access.key(:a), Access.key(:b)]))
IO.inspect(put_in(%{}, [Access.key(:a, %{}), :b], 1))
IO.inspect(T.err(fn -> put_in(nil, [:a], 1) end))
IO.inspect(T.err(fn -> Access.get([{"a", 1}], "a") end))
IO.inspect(T.err(fn -> Access.fetch!(%{}, :a) end))
IO.inspect({Access.get(%{a: 1}, :a), Access.get([a: 1], :b, :d), Access.get(nil, :a), Access.pop([a: 1, b: 2], :a)})

IO.inspect({Range.new(1, 5), Range.new(5, 1), Range.new(1, 10, 3)})
IO.inspect({Range.size(1..10), Range.size(1..10//3), Range.size(5..1//1), Range.size(10..0//-2)})
IO.inspect({Range.disjoint?(1..5, 6..9), Range.disjoint?(1..5, 5..9)})
IO.inspect(Enum.to_list(Range.new(0, 10, 5)))

IO.inspect(1 |> then(&(&1 + 1)) |> tap(&IO.inspect(&1, label: "tapped")))
IO.inspect(get_in([1, 2, 3, 4, 5], [Access.slice(1..3)]))
IO.inspect(update_in([1, 2, 3, 4, 5], [Access.slice(0..-1//2)], &(&1 * 10)))
IO.inspect(pop_in(%{l: [1, 2, 3, 4]}, [:l, Access.slice(1..2)]))
IO.inspect(update_in([1, 2, 3], [Access.at!(-1)], &(&1 * 2)))
IO.inspect(T.err(fn -> get_in([1], [Access.at!(5)]) end))

# expect: 27
# expect: nil
# expect: %{age: 28, langs: [:elixir, :c]}
# expect: %{age: 30, langs: []}
# expect: [:elixir, :c]
# expect: 27
# expect: 1
# expect: [a: [c: 2, b: 1]]
# expect: 20
# expect: %{l: [11, 21, 31]}
# expect: [2, 4]
# expect: %{l: [1, 2, -3, -4]}
# expect: 5
# expect: %{a: %{b: 1}}
# expect: {ArgumentError, "could not put/update key :a on a nil value"}
# expect: {ArgumentError,
# expect:  "the Access calls for keywords expect the key to be an atom, got: \"a\""}
# expect: {KeyError, "key :a not found in: %{}"}
# expect: {1, :d, nil, {1, [b: 2]}}
# expect: {1..5, 5..1//-1, 1..10//3}
# expect: {10, 4, 0, 6}
# expect: {true, false}
# expect: [0, 5, 10]
# expect: tapped: 2
# expect: 2
# expect: [2, 3, 4]
# expect: [10, 2, 30, 4, 50]
# expect: {[2, 3], %{l: [1, 4]}}
# expect: [1, 2, 6]
# expect: {Enum.OutOfBoundsError, "out of bounds error"}
