# Erlang modules Elixir programs call: :string, :ordsets, :orddict,
# :proplists, :base64, :calendar, :rand's functional API; and Regex
# capture: :all_names / explicit group lists.
IO.inspect(:string.split("a,b,c", ","))
IO.inspect(:string.split('a,b,c', ',', :all))
IO.inspect(:string.trim("  padded\n"))
IO.inspect(:string.lexemes('one  two three', ' '))
IO.inspect(:string.replace("a-b-c", "-", "+", :all))
IO.inspect(:string.pad("ab", 5))
IO.inspect(:string.to_integer("42abc"))
IO.inspect({:string.titlecase("hello"), :string.uppercase('abc'), :string.length("héllo")})
IO.inspect(:string.tokens('1,2;3', ',;'))
IO.inspect(:ordsets.union(:ordsets.from_list([3, 1, 3]), [2, 4]))
IO.inspect(:orddict.update_counter(:a, 2, :orddict.from_list(b: 1, a: 1)))
IO.inspect(:proplists.get_value(:debug, [:debug, {:level, 3}]))
IO.inspect(:base64.encode("hello"))
IO.inspect({:calendar.day_of_the_week(2024, 3, 15), :calendar.is_leap_year(1900)})
IO.inspect(:calendar.gregorian_days_to_date(:calendar.date_to_gregorian_days(2024, 2, 29) + 1))
{rolls, _} = Enum.map_reduce(1..5, :rand.seed_s(:exsss, {1, 2, 3}), fn _, s -> :rand.uniform_s(6, s) end)
IO.inspect(rolls)
r = ~r/(?<user>\w+)@(?<host>\w+)(?<tld>\.org)?/
IO.inspect(Regex.run(r, "mail joe@example now", capture: :all_names))
IO.inspect(Regex.run(r, "joe@example", capture: ["host", :user]))
IO.inspect(Regex.scan(r, "a@b c@d", capture: [1]))

# expect: ["a", "b,c"]
# expect: ['a', 'b', 'c']
# expect: "padded"
# expect: ['one', 'two', 'three']
# expect: ["a", "+", "b", "+", "c"]
# expect: ["ab", 32, 32, 32]
# expect: {42, "abc"}
# expect: {"Hello", 'ABC', 5}
# expect: ['1', '2', '3']
# expect: [1, 2, 3, 4]
# expect: [a: 3, b: 1]
# expect: true
# expect: "aGVsbG8="
# expect: {5, false}
# expect: {2024, 3, 1}
# expect: [1, 1, 3, 3, 3]
# expect: ["example", "", "joe"]
# expect: ["example", "joe"]
# expect: [["a"], ["c"]]
