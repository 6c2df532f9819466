# Date.range/2,3 make a Date.Range struct: enumerable (count, member?, reduce,
# with steps and backwards), printed as Date.range(first, last[, step]).
r = Date.range(~D[2020-01-01], ~D[2020-01-03])
IO.inspect(r)
IO.inspect(Date.range(~D[2020-01-03], ~D[2020-01-01]))
IO.inspect(Date.range(~D[2020-01-01], ~D[2020-01-09], 3))
IO.inspect(Enum.to_list(r))
IO.inspect(Enum.count(r))
IO.inspect(~D[2020-01-02] in r)
IO.inspect(~D[2020-02-02] in r)
IO.inspect(Enum.map(Date.range(~D[2020-01-01], ~D[2020-01-09], 3), & &1.day))
IO.inspect(Enum.to_list(Date.range(~D[2020-01-03], ~D[2020-01-01])))
IO.inspect(r.first)
IO.inspect(Map.keys(r))
IO.inspect(is_struct(r, Date.Range))
IO.inspect([r], limit: 1)
IO.inspect(Enum.take(r, 2))
IO.inspect(Enum.reverse(r))
IO.inspect(Enum.slice(Date.range(~D[2020-01-01], ~D[2020-01-31]), 2..4))
IO.inspect(Enum.member?(Date.range(~D[2020-01-01], ~D[2020-01-05], 2), ~D[2020-01-03]))
IO.inspect(Enum.member?(Date.range(~D[2020-01-01], ~D[2020-01-05], 2), ~D[2020-01-02]))
IO.inspect(Enum.member?(Date.range(~D[2020-01-01], ~D[2020-01-05]), 3))
IO.inspect(Enum.count(Date.range(~D[2020-01-05], ~D[2020-01-01], 2)))
IO.inspect(Date.range(~D[2020-01-01], ~D[2020-01-05]) |> Enum.filter(&(Date.day_of_week(&1) > 5)))
try do Date.range(~D[2020-01-01], ~D[2020-01-05], 0) rescue e -> IO.puts(Exception.message(e)) end
IO.inspect(Date.range(~D[2020-01-01], ~D[2020-01-05]), structs: false)

# expect: Date.range(~D[2020-01-01], ~D[2020-01-03])
# expect: Date.range(~D[2020-01-03], ~D[2020-01-01], -1)
# expect: Date.range(~D[2020-01-01], ~D[2020-01-09], 3)
# expect: [~D[2020-01-01], ~D[2020-01-02], ~D[2020-01-03]]
# expect: 3
# expect: true
# expect: false
# expect: [1, 4, 7]
# expect: [~D[2020-01-03], ~D[2020-01-02], ~D[2020-01-01]]
# expect: ~D[2020-01-01]
# expect: [:__struct__, :first, :first_in_iso_days, :last, :last_in_iso_days, :step]
# expect: true
# expect: [Date.range(~D[2020-01-01], ~D[2020-01-03])]
# expect: [~D[2020-01-01], ~D[2020-01-02]]
# expect: [~D[2020-01-03], ~D[2020-01-02], ~D[2020-01-01]]
# expect: [~D[2020-01-03], ~D[2020-01-04], ~D[2020-01-05]]
# expect: true
# expect: false
# expect: false
# expect: 0
# expect: [~D[2020-01-04], ~D[2020-01-05]]
# expect: both dates must have matching calendar and the step must be a non-zero integer, got: ~D[2020-01-01], ~D[2020-01-05], 0
# expect: %{
# expect:   __struct__: Date.Range,
# expect:   first: %{
# expect:     __struct__: Date,
# expect:     calendar: Calendar.ISO,
# expect:     day: 1,
# expect:     month: 1,
# expect:     year: 2020
# expect:   },
# expect:   first_in_iso_days: 737790,
# expect:   last: %{
# expect:     __struct__: Date,
# expect:     calendar: Calendar.ISO,
# expect:     day: 5,
# expect:     month: 1,
# expect:     year: 2020
# expect:   },
# expect:   last_in_iso_days: 737794,
# expect:   step: 1
# expect: }
