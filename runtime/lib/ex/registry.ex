# Registry: Elixir 1.14's local key-value process registry, on :ets.
#
# One registry is one process (registered under the registry's name) that
# owns three tables: a named :set table called after the registry holding
# its settings and meta, a key table ({key, {pid, value}}: a :set for
# unique keys, a :duplicate_bag for duplicate keys) and a pid table
# ({pid, key}, a :duplicate_bag). Callers read and write the public tables
# directly, as in Elixir; the process only links to registered processes
# (each caller links itself) and, trapping exits, removes a dead
# process's entries. Partitions are accepted and ignored: one table each.
defmodule Registry do
  @info :"$mote_registry"

  def child_spec(opts) do
    %{id: Keyword.get(opts, :name, Registry), start: {Registry, :start_link, [opts]}, type: :supervisor}
  end

  def start_link(opts) do
    keys = Keyword.get(opts, :keys)

    unless keys in [:unique, :duplicate] do
      raise ArgumentError,
            "expected :keys to be given and be one of :unique or :duplicate, got: #{inspect(keys)}"
    end

    name =
      case Keyword.fetch(opts, :name) do
        {:ok, name} when is_atom(name) -> name
        {:ok, other} -> raise ArgumentError, "expected :name to be an atom, got: #{inspect(other)}"
        :error -> raise ArgumentError, "expected :name option to be present"
      end

    meta = Keyword.get(opts, :meta, [])
    listeners = Keyword.get(opts, :listeners, [])

    unless is_list(listeners) and Enum.all?(listeners, &is_atom/1) do
      raise ArgumentError,
            "expected :listeners to be a list of named processes, got: #{inspect(listeners)}"
    end
    parent = self()
    tag = make_ref()
    pid = spawn_link(fn -> server_init(parent, tag, keys, name, meta, listeners) end)

    receive do
      {^tag, reply} -> reply
    end
  end

  def start_link(keys, name) when keys in [:unique, :duplicate] and is_atom(name),
    do: start_link(keys: keys, name: name)

  # ---- the registry process -------------------------------------------------

  defp server_init(parent, tag, keys, name, meta, listeners) do
    try do
      Process.register(self(), name)
    rescue
      _ ->
        Kernel.send(parent, {tag, {:error, {:already_started, Process.whereis(name)}}})
        exit(:normal)
    end

    Process.flag(:trap_exit, true)
    :ets.new(name, [:set, :public, :named_table, read_concurrency: true])
    key_ets = :ets.new(:registry_keys, [if(keys == :unique, do: :set, else: :duplicate_bag), :public])
    pid_ets = :ets.new(:registry_pids, [:duplicate_bag, :public])
    :ets.insert(name, {@info, keys, key_ets, pid_ets, self(), listeners})
    Enum.each(meta, fn {k, v} -> :ets.insert(name, {{:meta, k}, v}) end)
    Kernel.send(parent, {tag, {:ok, self()}})
    server_loop(parent, name, key_ets, pid_ets, listeners)
  end

  defp server_loop(parent, name, key_ets, pid_ets, listeners) do
    receive do
      {:EXIT, ^parent, reason} ->
        exit(reason)

      {:EXIT, pid, _reason} ->
        remove_owner(name, key_ets, pid_ets, listeners, pid)
        server_loop(parent, name, key_ets, pid_ets, listeners)

      # Its child spec says :supervisor, so tree walkers ask it the
      # Supervisor questions: it has no children of its own.
      {:"$gen_call", {pid, tag}, request} ->
        Kernel.send(pid, {tag, supervisor_reply(request)})
        server_loop(parent, name, key_ets, pid_ets, listeners)

      {:system, _from, {:terminate, reason}} ->
        exit(reason)

      _other ->
        server_loop(parent, name, key_ets, pid_ets, listeners)
    end
  end

  defp supervisor_reply(:which_children), do: []
  defp supervisor_reply(:count_children), do: %{active: 0, specs: 0, supervisors: 0, workers: 0}
  defp supervisor_reply(_), do: {:error, :not_supported}

  defp remove_owner(name, key_ets, pid_ets, listeners, pid) do
    for {_, key} <- :ets.take(pid_ets, pid) do
      :ets.match_delete(key_ets, {key, {pid, :_}})
      notify(listeners, {:unregister, name, key, pid})
    end

    :ok
  end

  defp notify([], _msg), do: :ok
  defp notify(listeners, msg), do: Enum.each(listeners, fn l -> Kernel.send(l, msg) end)

  # ---- settings ----------------------------------------------------------------

  defp info!(registry) when is_atom(registry) do
    try do
      :ets.lookup(registry, @info)
    rescue
      ArgumentError -> raise ArgumentError, "unknown registry: #{inspect(registry)}"
    else
      [{_, kind, key_ets, pid_ets, server, listeners}] -> {kind, key_ets, pid_ets, server, listeners}
      [] -> raise ArgumentError, "unknown registry: #{inspect(registry)}"
    end
  end

  # ---- registering ---------------------------------------------------------------

  def register(registry, key, value) when is_atom(registry) do
    {kind, key_ets, pid_ets, server, listeners} = info!(registry)
    me = self()

    case register_key(kind, key_ets, key, {key, {me, value}}) do
      :ok ->
        :ets.insert(pid_ets, {me, key})
        Process.link(server)
        notify(listeners, {:register, registry, key, me, value})
        {:ok, server}

      {:error, _} = error ->
        error
    end
  end

  defp register_key(:duplicate, key_ets, _key, entry) do
    :ets.insert(key_ets, entry)
    :ok
  end

  defp register_key(:unique, key_ets, key, entry) do
    if :ets.insert_new(key_ets, entry) do
      :ok
    else
      case :ets.lookup(key_ets, key) do
        [{^key, {pid, _}} = current] ->
          if pid != self() and not Process.alive?(pid) do
            # Its owner died and the registry has not cleaned up yet.
            :ets.delete_object(key_ets, current)
            register_key(:unique, key_ets, key, entry)
          else
            {:error, {:already_registered, pid}}
          end

        [] ->
          register_key(:unique, key_ets, key, entry)
      end
    end
  end

  def unregister(registry, key) when is_atom(registry) do
    {_kind, key_ets, pid_ets, server, listeners} = info!(registry)
    me = self()
    :ets.match_delete(key_ets, {key, {me, :_}})
    :ets.match_delete(pid_ets, {me, key})
    unlink_if_unregistered(pid_ets, server, me)
    notify(listeners, {:unregister, registry, key, me})
    :ok
  end

  def unregister_match(registry, key, pattern, guards \\ []) when is_list(guards) do
    {_kind, key_ets, pid_ets, server, listeners} = info!(registry)
    me = self()
    spec = [{{key, {me, pattern}}, guards, [true]}]

    if :ets.select_delete(key_ets, spec) > 0 do
      left = :ets.select_count(key_ets, [{{key, {me, :_}}, [], [true]}])
      :ets.match_delete(pid_ets, {me, key})
      for _ <- List.duplicate(:x, left), do: :ets.insert(pid_ets, {me, key})
      unlink_if_unregistered(pid_ets, server, me)
      if left == 0, do: notify(listeners, {:unregister, registry, key, me})
    end

    :ok
  end

  defp unlink_if_unregistered(pid_ets, server, me) do
    unless :ets.member(pid_ets, me), do: Process.unlink(server)
  end

  # ---- via tuples ----------------------------------------------------------------

  def register_name({registry, key}, pid), do: register_name({registry, key, nil}, pid)

  def register_name({registry, key, value}, pid) when pid == self() do
    case register(registry, key, value) do
      {:ok, _} -> :yes
      {:error, _} -> :no
    end
  end

  def unregister_name({registry, key}), do: unregister(registry, key)
  def unregister_name({registry, key, _value}), do: unregister(registry, key)

  def whereis_name({registry, key}), do: whereis_name({registry, key, nil})

  def whereis_name({registry, key, _value}) do
    case info!(registry) do
      {:unique, key_ets, _, _, _} ->
        case :ets.lookup(key_ets, key) do
          [{_, {pid, _}}] -> if Process.alive?(pid), do: pid, else: :undefined
          [] -> :undefined
        end

      {kind, _, _, _, _} ->
        raise ArgumentError, ":via is not supported for #{kind} registries"
    end
  end

  def send({registry, key}, msg) do
    case lookup(registry, key) do
      [{pid, _}] -> Kernel.send(pid, msg)
      [] -> :erlang.error(:badarg, [{registry, key}, msg])
    end
  end

  def send({registry, key, _value}, msg), do: Registry.send({registry, key}, msg)

  # ---- reading -------------------------------------------------------------------

  def lookup(registry, key) when is_atom(registry) do
    case info!(registry) do
      {:unique, key_ets, _, _, _} ->
        for {_, {pid, _} = entry} <- :ets.lookup(key_ets, key), Process.alive?(pid), do: entry

      {:duplicate, key_ets, _, _, _} when is_binary(key) or is_number(key) ->
        # A key that cannot be read as a match-spec variable: one select
        # builds the entries in C (a broadcast to a big topic is mostly this).
        :ets.select(key_ets, [{{key, :"$1"}, [], [:"$1"]}])

      {:duplicate, key_ets, _, _, _} ->
        for {_, entry} <- :ets.lookup(key_ets, key), do: entry
    end
  end

  def match(registry, key, pattern, guards \\ []) when is_atom(registry) and is_list(guards) do
    {kind, key_ets, _, _, _} = info!(registry)
    spec = [{{key, {:_, pattern}}, guards, [{:element, 2, :"$_"}]}]
    entries = :ets.select(key_ets, spec)

    case kind do
      :unique -> Enum.filter(entries, fn {pid, _} -> Process.alive?(pid) end)
      :duplicate -> entries
    end
  end

  def count(registry) when is_atom(registry) do
    {_, key_ets, _, _, _} = info!(registry)
    :ets.info(key_ets, :size)
  end

  def count_match(registry, key, pattern, guards \\ []) when is_atom(registry) and is_list(guards) do
    {_, key_ets, _, _, _} = info!(registry)
    :ets.select_count(key_ets, [{{key, {:_, pattern}}, guards, [true]}])
  end

  def select(registry, spec) when is_atom(registry) and is_list(spec) do
    {_, key_ets, _, _, _} = info!(registry)
    :ets.select(key_ets, ets_spec(spec, "select/2"))
  end

  def count_select(registry, spec) when is_atom(registry) and is_list(spec) do
    {_, key_ets, _, _, _} = info!(registry)
    :ets.select_count(key_ets, ets_spec(spec, "count_select/2"))
  end

  # Registry's {key, pid, value} patterns become the key table's
  # {key, {pid, value}}.
  defp ets_spec(spec, fun) do
    for part <- spec do
      case part do
        {{key, pid, value}, guards, body} when is_list(guards) and is_list(body) ->
          {{key, {pid, value}}, guards, body}

        _ ->
          raise ArgumentError, "invalid match specification in Registry.#{fun}: #{inspect(spec)}"
      end
    end
  end

  def keys(registry, pid) when is_atom(registry) and is_pid(pid) do
    {kind, _, pid_ets, _, _} = info!(registry)
    keys = Enum.reverse(for {_, key} <- :ets.lookup(pid_ets, pid), do: key)
    if kind == :unique, do: Enum.uniq(keys), else: keys
  end

  def values(registry, key, pid) when is_atom(registry) and is_pid(pid) do
    {_, key_ets, _, _, _} = info!(registry)
    :ets.select(key_ets, [{{key, {pid, :"$1"}}, [], [:"$1"]}])
  end

  def dispatch(registry, key, mfa_or_fun, _opts \\ []) when is_atom(registry) do
    case lookup(registry, key) do
      [] -> :ok
      entries -> apply_dispatch(mfa_or_fun, entries)
    end

    :ok
  end

  defp apply_dispatch({m, f, a}, entries), do: apply(m, f, [entries | a])
  defp apply_dispatch(fun, entries) when is_function(fun, 1), do: fun.(entries)

  def update_value(registry, key, callback) when is_atom(registry) and is_function(callback, 1) do
    case info!(registry) do
      {:unique, key_ets, _, _, _} ->
        me = self()

        case :ets.lookup(key_ets, key) do
          [{^key, {^me, old}}] ->
            new = callback.(old)
            :ets.insert(key_ets, {key, {me, new}})
            {new, old}

          _ ->
            :error
        end

      _ ->
        raise ArgumentError, "Registry.update_value/3 is not supported for duplicate registries"
    end
  end

  # ---- meta ------------------------------------------------------------------------

  def meta(registry, key) when is_atom(registry) and (is_atom(key) or is_tuple(key)) do
    info!(registry)

    case :ets.lookup(registry, {:meta, key}) do
      [{_, value}] -> {:ok, value}
      [] -> :error
    end
  end

  def put_meta(registry, key, value) when is_atom(registry) and (is_atom(key) or is_tuple(key)) do
    info!(registry)
    :ets.insert(registry, {{:meta, key}, value})
    :ok
  end

  def delete_meta(registry, key) when is_atom(registry) and (is_atom(key) or is_tuple(key)) do
    info!(registry)
    :ets.delete(registry, {:meta, key})
    :ok
  end
end
