# :ets.all/0 lists named tables by name and the others by reference.
t = :ets.new(:unnamed, [])
:ets.new(:named_one, [:named_table])
all = :ets.all()
IO.inspect(Enum.member?(all, t))
IO.inspect(Enum.member?(all, :named_one))
IO.inspect(is_list(all))
# expect: true
# expect: true
# expect: true
