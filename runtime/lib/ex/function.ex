# Function: Elixir 1.14's helpers over funs. info/1 lists only the items
# :erlang.fun_info/2 answers in mote (no index/uniq: closures have none).
defmodule Function do
  def identity(value), do: value

  def capture(module, function_name, arity)
      when is_atom(module) and is_atom(function_name) and is_integer(arity) and arity >= 0 and arity <= 255 do
    :erlang.make_fun(module, function_name, arity)
  end

  def info(fun) when is_function(fun) do
    items =
      if :erlang.fun_info(fun, :type) == {:type, :external},
        do: [:module, :name, :arity, :env, :type],
        else: [:pid, :arity, :env, :type]

    Enum.map(items, &:erlang.fun_info(fun, &1))
  end

  def info(fun, item) when is_function(fun) and is_atom(item), do: :erlang.fun_info(fun, item)
end
