# Literals, operators, rebinding and pattern matching.
x = 1
x = x + 1
IO.puts(x)
IO.inspect({:ok, [1, 2.5, "s", 'cl', %{a: 1}]})
IO.inspect(10 / 4)
IO.inspect(div(10, 4))
IO.inspect(rem(-7, 3))
IO.inspect(2 ** 10)
IO.inspect(1 == 1.0)
IO.inspect(1 === 1.0)
IO.inspect(:a < 1)
IO.inspect(true and false)
IO.inspect(nil || :default)
IO.inspect(!nil)
IO.inspect([1, 2] ++ [3])
IO.inspect([1, 2, 3, 2] -- [2])
IO.inspect("ab" <> "cd")
[h | t] = [1, 2, 3]
IO.inspect({h, t})
{a, {b, c}} = {1, {2, 3}}
IO.inspect(a + b + c)
%{k: v} = %{k: :found, other: 1}
IO.inspect(v)
^x = 2
"pre" <> rest = "prefix"
IO.inspect(rest)
IO.inspect(123_456_789_012_345_678_901_234 * 2)
IO.inspect(0x1F + 0b101 + 0o17)
IO.inspect(5 in 1..10)
IO.inspect(:b in [:a, :b])
IO.puts("interp #{x} and #{:atom} and #{1.5}")
m = %{a: 1}
m = %{m | a: 2}
IO.inspect(m.a)
IO.inspect(m[:a])
# expect: 2
# expect: {:ok, [1, 2.5, "s", 'cl', %{a: 1}]}
# expect: 2.5
# expect: 2
# expect: -1
# expect: 1024
# expect: true
# expect: false
# expect: false
# expect: false
# expect: :default
# expect: true
# expect: [1, 2, 3]
# expect: [1, 3, 2]
# expect: "abcd"
# expect: {1, [2, 3]}
# expect: 6
# expect: :found
# expect: "fix"
# expect: 246913578024691357802468
# expect: 51
# expect: true
# expect: true
# expect: interp 2 and atom and 1.5
# expect: 2
# expect: 2

# A parenthesised field access stays a field access.
pm = %{key: 5}
IO.inspect((pm.key) + 1)
# expect: 6
# Raw sigils keep backslashes, but an escaped terminator loses its own.
IO.inspect(~S(a\)b\n))
# expect: "a)b\\n"
IO.inspect(~S"\d+")
# expect: "\\d+"
