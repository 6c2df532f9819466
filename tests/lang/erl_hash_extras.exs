# :crypto.hash (md5, sha) and :erlang's md5, crc32, fun_info/1 and
# bitstring_to_list, against OTP 25's answers.
IO.puts(:crypto.hash(:md5, "hello world") |> Base.encode16(case: :lower))
IO.puts(:crypto.hash(:sha, ["abc", ?d]) |> Base.encode16(case: :lower))
IO.puts(:erlang.md5("") |> Base.encode16())
IO.inspect({:erlang.crc32("hello"), :erlang.crc32(:erlang.crc32("ab"), "c") == :erlang.crc32("abc")})
IO.inspect(:erlang.fun_info(fn a, b -> {a, b} end)[:arity])
IO.inspect(:erlang.bitstring_to_list(<<1, 2, 3::3>>))

# expect: 5eb63bbbe01eeed093cb22bb8f5acdc3
# expect: 81fe8bfe87576c3ecb22426f8e57847382917acf
# expect: D41D8CD98F00B204E9800998ECF8427E
# expect: {907060870, true}
# expect: 2
# expect: [1, 2, <<3::size(3)>>]
