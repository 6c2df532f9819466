# Keyword: lists of {atom, value} pairs, with Elixir 1.14's results. A key
# may appear more than once; get/fetch answer the first occurrence, and
# put/delete act on every occurrence.
defmodule Keyword do
  def new, do: []
  def new(pairs), do: new(pairs, fn pair -> pair end)

  # Later pairs win: each put drops the earlier entries of its key.
  def new(pairs, fun) when is_function(fun, 1) do
    pairs
    |> Enum.reduce([], fn pair, acc ->
      {k, v} = fun.(pair)
      put(acc, k, v)
    end)
    |> :lists.reverse()
  end

  def keyword?([{k, _} | t]) when is_atom(k), do: keyword?(t)
  def keyword?([]), do: true
  def keyword?(_), do: false

  def get(kw, key, default \\ nil) when is_list(kw) and is_atom(key) do
    case :lists.keyfind(key, 1, kw) do
      {_, value} -> value
      false -> default
    end
  end

  def get_lazy(kw, key, fun) when is_list(kw) and is_atom(key) and is_function(fun, 0) do
    case :lists.keyfind(key, 1, kw) do
      {_, value} -> value
      false -> fun.()
    end
  end

  def get_values(kw, key) when is_list(kw) and is_atom(key) do
    for {k, v} <- kw, k === key, do: v
  end

  def fetch(kw, key) when is_list(kw) and is_atom(key) do
    case :lists.keyfind(key, 1, kw) do
      {_, value} -> {:ok, value}
      false -> :error
    end
  end

  def fetch!(kw, key) when is_list(kw) and is_atom(key) do
    case :lists.keyfind(key, 1, kw) do
      {_, value} -> value
      false -> Map.key_error(key, kw)
    end
  end

  def has_key?(kw, key) when is_list(kw) and is_atom(key), do: :lists.keyfind(key, 1, kw) != false

  def keys(kw) when is_list(kw) do
    Enum.map(kw, fn
      {k, _} when is_atom(k) -> k
      other -> not_keyword(other)
    end)
  end

  def values(kw) when is_list(kw) do
    Enum.map(kw, fn
      {k, v} when is_atom(k) -> v
      other -> not_keyword(other)
    end)
  end

  defp not_keyword(entry) do
    raise ArgumentError,
          "expected a keyword list, but an entry in the list is not a two-element tuple " <>
            "with an atom as its first element, got: #{inspect(entry)}"
  end

  def delete(kw, key) when is_list(kw) and is_atom(key), do: Enum.reject(kw, fn {k, _} -> k === key end)

  def delete_first(kw, key) when is_list(kw) and is_atom(key) do
    case :lists.keyfind(key, 1, kw) do
      false -> kw
      _ -> List.keydelete(kw, key, 0)
    end
  end

  def put(kw, key, value) when is_list(kw) and is_atom(key), do: [{key, value} | delete(kw, key)]

  def put_new(kw, key, value) when is_list(kw) and is_atom(key) do
    if has_key?(kw, key), do: kw, else: [{key, value} | kw]
  end

  def put_new_lazy(kw, key, fun) when is_list(kw) and is_atom(key) and is_function(fun, 0) do
    if has_key?(kw, key), do: kw, else: [{key, fun.()} | kw]
  end

  # Replaces the first occurrence and drops the others.
  def replace(kw, key, value) when is_list(kw) and is_atom(key) do
    if has_key?(kw, key), do: replace_first(kw, key, value), else: kw
  end

  def replace!(kw, key, value) when is_list(kw) and is_atom(key) do
    if has_key?(kw, key), do: replace_first(kw, key, value), else: Map.key_error(key, kw)
  end

  defp replace_first([{key, _} | t], key, value), do: [{key, value} | delete(t, key)]
  defp replace_first([h | t], key, value), do: [h | replace_first(t, key, value)]

  def update(kw, key, default, fun) when is_list(kw) and is_atom(key) and is_function(fun, 1) do
    case :lists.keyfind(key, 1, kw) do
      {_, value} -> replace_first(kw, key, fun.(value))
      false -> kw ++ [{key, default}]
    end
  end

  def update!(kw, key, fun) when is_list(kw) and is_atom(key) and is_function(fun, 1) do
    case :lists.keyfind(key, 1, kw) do
      {_, value} -> replace_first(kw, key, fun.(value))
      false -> Map.key_error(key, kw)
    end
  end

  def pop(kw, key, default \\ nil) when is_list(kw) and is_atom(key) do
    case fetch(kw, key) do
      {:ok, value} -> {value, delete(kw, key)}
      :error -> {default, kw}
    end
  end

  def pop!(kw, key) when is_list(kw) and is_atom(key) do
    case fetch(kw, key) do
      {:ok, value} -> {value, delete(kw, key)}
      :error -> Map.key_error(key, kw)
    end
  end

  def pop_lazy(kw, key, fun) when is_list(kw) and is_atom(key) and is_function(fun, 0) do
    case fetch(kw, key) do
      {:ok, value} -> {value, delete(kw, key)}
      :error -> {fun.(), kw}
    end
  end

  def pop_first(kw, key, default \\ nil) when is_list(kw) and is_atom(key) do
    case :lists.keyfind(key, 1, kw) do
      {_, value} -> {value, List.keydelete(kw, key, 0)}
      false -> {default, kw}
    end
  end

  def pop_values(kw, key) when is_list(kw) and is_atom(key) do
    {get_values(kw, key), delete(kw, key)}
  end

  # Only the first entry of key is read and replaced (or popped).
  def get_and_update(kw, key, fun) when is_list(kw) and is_atom(key) do
    case :lists.keyfind(key, 1, kw) do
      {_, current} -> gau_apply(kw, key, current, fun.(current))
      false -> gau_missing(kw, key, fun.(nil))
    end
  end

  def get_and_update!(kw, key, fun) when is_list(kw) and is_atom(key) do
    case :lists.keyfind(key, 1, kw) do
      {_, current} -> gau_bang(kw, key, current, fun.(current))
      # Elixir 1.14 reports the list reversed here.
      false -> Map.key_error(key, :lists.reverse(kw))
    end
  end

  # get_and_update! drops the later entries of key when it updates.
  defp gau_bang(kw, key, _current, {got, value}), do: {got, replace_first(kw, key, value)}
  defp gau_bang(kw, key, current, other), do: gau_apply(kw, key, current, other)

  defp gau_apply(kw, key, _current, {got, value}), do: {got, List.keyreplace(kw, key, 0, {key, value})}
  defp gau_apply(kw, key, current, :pop), do: {current, List.keydelete(kw, key, 0)}
  defp gau_apply(_kw, _key, _current, other), do: Map.bad_get_and_update(other)

  defp gau_missing(kw, key, {got, value}), do: {got, [{key, value} | kw]}
  defp gau_missing(kw, _key, :pop), do: {nil, kw}
  defp gau_missing(_kw, _key, other), do: Map.bad_get_and_update(other)

  # Entries of kw1 whose key is in kw2 are dropped; kw2 follows whole.
  def merge(kw1, kw2) when is_list(kw1) and is_list(kw2) do
    must_be_keyword(kw2, "second")
    must_be_keyword(kw1, "first")
    keys = for {k, _} <- kw2, do: k
    Enum.reject(kw1, fn {k, _} -> k in keys end) ++ kw2
  end

  # Each entry of kw2 whose key is still unmatched in kw1 is combined
  # with that first kw1 entry; kw1's entries for combined keys go.
  def merge(kw1, kw2, fun) when is_list(kw1) and is_list(kw2) and is_function(fun, 3) do
    must_be_keyword(kw1, "first")
    must_be_keyword(kw2, "second")
    merge_with(kw2, [], kw1, kw1, fun)
  end

  defp merge_with([{key, v2} | t], acc, rest, original, fun) when is_atom(key) do
    case :lists.keyfind(key, 1, original) do
      {_, v1} ->
        acc = [{key, fun.(key, v1, v2)} | acc]
        merge_with(t, acc, delete(rest, key), List.keydelete(original, key, 0), fun)

      false ->
        merge_with(t, [{key, v2} | acc], rest, original, fun)
    end
  end

  defp merge_with([], acc, rest, _original, _fun), do: rest ++ :lists.reverse(acc)

  defp must_be_keyword(kw, which) do
    if not keyword?(kw) do
      raise ArgumentError, "expected a keyword list as the #{which} argument, got: #{inspect(kw)}"
    end
  end

  def take(kw, keys) when is_list(kw) and is_list(keys), do: Enum.filter(kw, fn {k, _} -> k in keys end)
  def drop(kw, keys) when is_list(kw) and is_list(keys), do: Enum.reject(kw, fn {k, _} -> k in keys end)

  def split(kw, keys) when is_list(kw) and is_list(keys) do
    Enum.split_with(kw, fn {k, _} -> k in keys end)
  end

  def filter(kw, fun) when is_list(kw), do: Enum.filter(kw, fun)
  def reject(kw, fun) when is_list(kw), do: Enum.reject(kw, fun)

  @doc "Replaces each value by fun.({key, value}) (deprecated in Elixir 1.14 for new/2, still there)."
  def map(kw, fun) when is_list(kw) and is_function(fun, 1), do: Enum.map(kw, fn {k, _} = e -> {k, fun.(e)} end)
  def to_list(kw) when is_list(kw), do: kw

  def equal?(left, right) when is_list(left) and is_list(right) do
    :lists.sort(left) === :lists.sort(right)
  end

  def from_keys(keys, value) when is_list(keys), do: Enum.map(keys, fn k when is_atom(k) -> {k, value} end)

  def replace_lazy(kw, key, fun) when is_list(kw) and is_atom(key) and is_function(fun, 1) do
    case :lists.keyfind(key, 1, kw) do
      {_, value} -> replace_first(kw, key, fun.(value))
      false -> kw
    end
  end

  # values lists the allowed keys, as atoms or {atom, default}. Each key
  # of kw must take one allowed entry (a repeated key is unknown the
  # second time); defaults of the entries left over are prepended.
  def validate(kw, values) when is_list(kw) and is_list(values) do
    validate(kw, values, [], [])
  end

  defp validate([{key, _} = pair | t], values, acc, bad) when is_atom(key) do
    case take_allowed(values, key, []) do
      {:ok, values} -> validate(t, values, [pair | acc], bad)
      :error -> validate(t, values, acc, [key | bad])
    end
  end

  defp validate([], values, acc, []), do: {:ok, Enum.reduce(values, acc, &add_default/2)}
  defp validate([], _values, _acc, bad), do: {:error, bad}

  defp validate([entry | _], _values, _acc, _bad) do
    raise ArgumentError, "expected a keyword list as first argument, got invalid entry: #{inspect(entry)}"
  end

  defp take_allowed([key | t], key, seen), do: {:ok, :lists.reverse(seen, t)}
  defp take_allowed([{key, _} | t], key, seen), do: {:ok, :lists.reverse(seen, t)}
  defp take_allowed([h | t], key, seen), do: take_allowed(t, key, [h | seen])
  defp take_allowed([], _key, _seen), do: :error

  defp add_default({key, _} = pair, acc) when is_atom(key), do: [pair | acc]
  defp add_default(key, acc) when is_atom(key), do: acc

  defp add_default(other, _acc) do
    raise ArgumentError, "expected the second argument to be a list of atoms or tuples, got: #{inspect(other)}"
  end

  # A key validate/2 refused is unknown when no entry of values names it,
  # else it was given more times than values allows.
  def validate!(kw, values) do
    case validate(kw, values) do
      {:ok, kw} ->
        kw

      {:error, bad} ->
        allowed = Enum.map(values, fn v -> if is_atom(v), do: v, else: :erlang.element(1, v) end)

        case Enum.reject(bad, fn k -> k in allowed end) do
          [] ->
            raise ArgumentError, "duplicate keys #{inspect(bad)} in #{inspect(kw)}"

          unknown ->
            raise ArgumentError,
                  "unknown keys #{inspect(unknown)} in #{inspect(kw)}, the allowed keys are: #{inspect(allowed)}"
        end
    end
  end
end
