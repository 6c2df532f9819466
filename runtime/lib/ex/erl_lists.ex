# :lists and :maps functions that take funs (a builtin cannot call a fun,
# so they are written here; the rest of both modules is C, lib/lists.c and
# lib/maps.c). Erlang's argument order: the fun first.
defmodule :lists do
  def map(f, l) when is_function(f, 1), do: Enum.map(l, f)
  def filter(p, l) when is_function(p, 1), do: Enum.filter(l, p)
  def foldl(f, acc, l) when is_function(f, 2) and is_list(l), do: Enum.reduce(l, acc, f)
  def foldr(f, acc, l) when is_function(f, 2) and is_list(l), do: Enum.reduce(:lists.reverse(l), acc, f)

  def foreach(f, l) when is_function(f, 1) and is_list(l) do
    Enum.each(l, f)
    :ok
  end

  def any(p, l) when is_function(p, 1) and is_list(l), do: Enum.any?(l, p)
  def all(p, l) when is_function(p, 1) and is_list(l), do: Enum.all?(l, p)
  def flatmap(f, l) when is_function(f, 1) and is_list(l), do: Enum.flat_map(l, f)
  def mapfoldl(f, acc, l) when is_function(f, 2) and is_list(l), do: Enum.map_reduce(l, acc, f)
  def takewhile(p, l) when is_function(p, 1) and is_list(l), do: Enum.take_while(l, p)
  def dropwhile(p, l) when is_function(p, 1) and is_list(l), do: Enum.drop_while(l, p)
  def splitwith(p, l) when is_function(p, 1) and is_list(l), do: Enum.split_while(l, p)
  def partition(p, l) when is_function(p, 1) and is_list(l), do: Enum.split_with(l, p)
  def zipwith(f, a, b) when is_function(f, 2) and is_list(a) and is_list(b), do: Enum.zip_with(a, b, f)
  def sort(f, l) when is_function(f, 2) and is_list(l), do: Enum.sort(l, f)

  def filtermap(f, l) when is_function(f, 1) and is_list(l) do
    Enum.flat_map(l, fn x ->
      case f.(x) do
        true -> [x]
        false -> []
        {true, v} -> [v]
      end
    end)
  end

  def search(p, l) when is_function(p, 1) and is_list(l) do
    case Enum.find(l, :"$none", p) do
      :"$none" -> false
      v -> {:value, v}
    end
  end

  def keymap(f, n, l) when is_function(f, 1) and is_integer(n) and n > 0 and is_list(l) do
    Enum.map(l, fn t -> :erlang.setelement(n, t, f.(:erlang.element(n, t))) end)
  end
end

defmodule :maps do
  def fold(f, acc, m) when is_function(f, 3) and is_map(m) do
    Enum.reduce(fold_pairs(m), acc, fn {k, v}, a -> f.(k, v, a) end)
  end

  def map(f, m) when is_function(f, 2) and is_map(m) do
    :maps.from_list(Enum.map(:maps.to_list(m), fn {k, v} -> {k, f.(k, v)} end))
  end

  def filter(p, m) when is_function(p, 2) and is_map(m) do
    :maps.from_list(Enum.filter(:maps.to_list(m), fn {k, v} -> p.(k, v) end))
  end

  def filtermap(f, m) when is_function(f, 2) and is_map(m) do
    pairs =
      Enum.flat_map(:maps.to_list(m), fn {k, v} ->
        case f.(k, v) do
          true -> [{k, v}]
          false -> []
          {true, v2} -> [{k, v2}]
        end
      end)

    :maps.from_list(pairs)
  end

  # Any map's pairs, structs included, in :maps.fold order: OTP 25 folds
  # a map of more than 32 keys in the reverse of its to_list order.
  defp fold_pairs(m) when map_size(m) > 32, do: :lists.reverse(:maps.to_list(m))
  defp fold_pairs(m), do: :maps.to_list(m)

  # iterator/1 is OTP 25's [0 | map]; next/1 walks it in fold order. OTP
  # answers a small map's pairs as a chain {k, v, {k2, v2, ... :none}},
  # and so does this for every map, built at the first step.
  def iterator(m) when is_map(m), do: [0 | m]
  def iterator(m), do: :erlang.error({:badmap, m})

  def next({_k, _v, _rest} = step), do: step
  def next(:none), do: :none
  def next([0 | m]) when is_map(m), do: m |> fold_pairs() |> :lists.reverse() |> chain(:none) |> next()

  def next(_) do
    raise ArgumentError, "errors were found at the given arguments:\n\n  * 1st argument: not a valid iterator\n"
  end

  defp chain([], acc), do: acc
  defp chain([{k, v} | t], acc), do: chain(t, {k, v, acc})

  def foreach(f, m) when is_function(f, 2) and is_map(m) do
    Enum.each(fold_pairs(m), fn {k, v} -> f.(k, v) end)
    :ok
  end

  def update_with(k, f, m) when is_function(f, 1) and is_map(m) do
    case :maps.find(k, m) do
      {:ok, v} -> :maps.put(k, f.(v), m)
      :error -> :erlang.error({:badkey, k})
    end
  end

  def update_with(k, f, init, m) when is_function(f, 1) and is_map(m) do
    case :maps.find(k, m) do
      {:ok, v} -> :maps.put(k, f.(v), m)
      :error -> :maps.put(k, init, m)
    end
  end
end
