# :ets functions written in the language over the builtins of lib/ets.c:
# the folds walk a copy of the table (tab2list), so the fun may use the
# table freely, as with Erlang's (whose folds are not atomic either).
defmodule :ets do
  def foldl(fun, acc, table) when is_function(fun, 2),
    do: List.foldl(:ets.tab2list(table), acc, fun)

  def foldr(fun, acc, table) when is_function(fun, 2),
    do: List.foldr(:ets.tab2list(table), acc, fun)
end
