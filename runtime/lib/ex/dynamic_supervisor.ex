# DynamicSupervisor: children started on demand, all :one_for_one, ids
# :undefined. Shares the child machinery (start, shutdown, intensity,
# restart log) with Supervisor.Impl.
defmodule DynamicSupervisor do
  def start_link(opts) when is_list(opts) do
    {sup_opts, start_opts} =
      Keyword.split(opts, [:strategy, :max_restarts, :max_seconds, :max_children, :extra_arguments])

    start_link(DynamicSupervisor.Default, sup_opts, start_opts)
  end

  def start_link(mod, arg, opts \\ []) do
    GenServer.start_link(DynamicSupervisor.Impl, {mod, arg, Keyword.get(opts, :name)}, Keyword.take(opts, [:name]))
  end

  def init(opts) do
    {:ok,
     %{
       strategy: Keyword.get(opts, :strategy, :one_for_one),
       intensity: Keyword.get(opts, :max_restarts, 3),
       period: Keyword.get(opts, :max_seconds, 5),
       max_children: Keyword.get(opts, :max_children, :infinity),
       extra_arguments: Keyword.get(opts, :extra_arguments, [])
     }}
  end

  def child_spec(opts) when is_list(opts) do
    %{id: Keyword.get(opts, :name, DynamicSupervisor), start: {DynamicSupervisor, :start_link, [opts]}, type: :supervisor}
  end

  def __mote_child_spec__(mod, arg, opts) do
    Supervisor.child_spec(%{id: mod, start: {mod, :start_link, [arg]}, type: :supervisor}, opts)
  end

  def start_child(sup, spec), do: GenServer.call(sup, {:start_child, Supervisor.child_spec(spec, [])}, :infinity)
  def terminate_child(sup, pid) when is_pid(pid), do: GenServer.call(sup, {:terminate_child, pid}, :infinity)
  def which_children(sup), do: GenServer.call(sup, :which_children, :infinity)
  def count_children(sup), do: GenServer.call(sup, :count_children, :infinity)
  def stop(sup, reason \\ :normal, timeout \\ :infinity), do: GenServer.stop(sup, reason, timeout)
  def mote_info(sup), do: GenServer.call(sup, :mote_info, :infinity)
end

defmodule DynamicSupervisor.Default do
  def init(opts), do: DynamicSupervisor.init(opts)
end

defmodule DynamicSupervisor.Impl do
  # Children are kept in a map keyed by pid, as Elixir keeps them: an exit
  # or a terminate_child finds its child in O(log n), which a 10k-child
  # supervisor in a restart storm needs, and which_children lists them in
  # the map's order (by pid in a small supervisor), as Elixir does.
  alias Supervisor.Impl, as: S

  def init({mod, arg, name}) do
    Process.flag(:trap_exit, true)
    # The observer shows the callback module's init/1, not this one.
    :mote.set_initial_call(mod, :init, 1)

    case mod.init(arg) do
      {:ok, flags} when is_map(flags) ->
        case S.check_flags(flags, [:one_for_one]) do
          :ok -> init_state(mod, name, flags)
          {:error, reason} -> {:stop, reason}
        end

      :ignore ->
        :ignore

      other ->
        {:stop, {:bad_return, {mod, :init, other}}}
    end
  end

  defp init_state(mod, name, flags) do
    s = S.new_state(mod, name, flags)
    S.observe(Map.get(flags, :mote_kind, :dynamic_supervisor), s)
    S.publish(s)
    extra = %{max_children: Map.get(flags, :max_children, :infinity), extra: Map.get(flags, :extra_arguments, [])}
    {:ok, Map.merge(%{s | children: %{}}, extra)}
  end

  def handle_call(req, from, s) do
    case call_(req, from, s) do
      {:reply, r, s2} -> if s2.children == s.children, do: {:reply, r, s2}, else: {:reply, r, S.changed(s2)}
      other -> other
    end
  end

  defp call_({:start_child, spec}, from, s) do
    case S.check_spec(spec) do
      :ok -> start_new(spec, from, s)
      err -> {:reply, err, s}
    end
  end

  defp start_new(spec, _from, s) do
    if s.max_children != :infinity and map_size(s.children) >= s.max_children do
      {:reply, {:error, :max_children}, s}
    else
      c = S.new_child(spec)
      {m, f, a} = c.start
      c = %{c | start: {m, f, s.extra ++ a}, id: :undefined}

      case S.start_one(c) do
        {:ok, pid} -> {:reply, {:ok, pid}, %{s | children: Map.put(s.children, pid, %{c | pid: pid})}}
        :ignore -> {:reply, :ignore, s}
        {:error, r} -> {:reply, {:error, r}, s}
      end
    end
  end

  defp call_({:terminate_child, pid}, _from, s) do
    case Map.fetch(s.children, pid) do
      :error ->
        {:reply, {:error, :not_found}, s}

      {:ok, c} ->
        S.shutdown_child(c)
        {:reply, :ok, %{s | children: Map.delete(s.children, pid)}}
    end
  end

  defp call_(:which_children, _from, s),
    do: {:reply, for({_, c} <- s.children, do: {:undefined, c.pid, c.type, c.modules}), s}

  defp call_(:count_children, _from, s), do: {:reply, S.count(Map.values(s.children)), s}
  defp call_(:mote_info, from, s), do: S.handle_call(:mote_info, from, as_list(s))

  # The shared helpers (publish, count, shutdown) take children as a list.
  defp as_list(s), do: %{s | children: Map.values(s.children)}

  def handle_info({:EXIT, pid, reason}, s) do
    case Map.fetch(s.children, pid) do
      :error ->
        {:noreply, s}

      {:ok, c} ->
        case exited(c, reason, %{s | children: Map.delete(s.children, pid)}) do
          {:noreply, s2} -> {:noreply, S.changed(s2)}
          other -> other
        end
    end
  end

  def handle_info(:"$mote_sup_publish", s) do
    S.flush_publish(as_list(s))
    {:noreply, s}
  end

  def handle_info(_msg, s), do: {:noreply, s}

  defp exited(c, reason, s) do
    cond do
      c.restart == :temporary -> {:noreply, s}
      c.restart == :transient and GenServer.normal_reason?(reason) -> {:noreply, s}
      true -> restart(c, reason, s)
    end
  end

  defp restart(c, reason, s) do
    case S.add_restart(s) do
      {:ok, s} ->
        S.child_report(s, c, "terminated", fn -> "** (exit) #{inspect(reason)}" end)
        case S.start_one(c) do
          {:ok, pid} ->
            s = S.log(s, :undefined, c.pid, pid, reason)
            {:noreply, %{s | children: Map.put(s.children, pid, %{c | pid: pid})}}

          :ignore ->
            {:noreply, s}

          {:error, r} ->
            :mote.sup_restart(:undefined, c.pid, :undefined, r)
            restart(%{c | pid: :undefined}, r, s)
        end

      {:give_up, s} ->
        S.child_report(s, c, "caused shutdown", fn -> "** (exit) :reached_max_restart_intensity" end)
        :mote.sup_gave_up(reason)
        S.shutdown_all(Map.values(s.children))
        {:stop, :shutdown, %{s | children: %{}}}
    end
  end

  def terminate(_reason, s) do
    S.shutdown_all(Map.values(s.children))
    :ok
  end
end

# PartitionSupervisor (Elixir 1.14): `partitions` copies of one child
# spec under a :one_for_one supervisor registered as :name, the children's
# ids being their partition numbers; {:via, PartitionSupervisor, {name,
# key}} reaches the child of partition rem(abs(key), n) for an integer key,
# :erlang.phash2(key, n) otherwise.
defmodule PartitionSupervisor do
  def child_spec(opts) when is_list(opts) do
    %{id: Keyword.get(opts, :name, PartitionSupervisor), start: {PartitionSupervisor, :start_link, [opts]}, type: :supervisor}
  end

  def start_link(opts) when is_list(opts) do
    name = Keyword.get(opts, :name) || raise ArgumentError, "the :name option must be given to PartitionSupervisor"
    spec = Keyword.get(opts, :child_spec) || raise ArgumentError, "the :child_spec option must be given to PartitionSupervisor"
    n = Keyword.get(opts, :partitions, System.schedulers_online())

    unless is_integer(n) and n > 0 do
      raise ArgumentError, "the :partitions option must be a positive integer, got: #{inspect(n)}"
    end

    with_args = Keyword.get(opts, :with_arguments, fn args, _partition -> args end)
    base = Supervisor.child_spec(spec, [])
    {m, f, a} = base.start
    children = for p <- 0..(n - 1), do: %{base | id: p, start: {m, f, with_args.(a, p)}}
    sup_opts = Keyword.take(opts, [:strategy, :max_restarts, :max_seconds])
    Supervisor.start_link(children, [strategy: :one_for_one, name: name] ++ sup_opts)
  end

  def partitions(name), do: Supervisor.count_children(name).specs
  def which_children(name), do: Supervisor.which_children(name)
  def count_children(name), do: Supervisor.count_children(name)
  def stop(name, reason \\ :normal, timeout \\ :infinity), do: Supervisor.stop(name, reason, timeout)

  # The {:via, PartitionSupervisor, {name, key}} callbacks.
  def whereis_name({name, key}) do
    n = partitions(name)
    p = if is_integer(key), do: rem(abs(key), n), else: :erlang.phash2(key, n)

    case List.keyfind(which_children(name), p, 0) do
      {_, pid, _, _} when is_pid(pid) -> pid
      _ -> :undefined
    end
  end

  def send({name, key}, msg) do
    case whereis_name({name, key}) do
      pid when is_pid(pid) -> Kernel.send(pid, msg)
      :undefined -> exit({:noproc, {PartitionSupervisor, :send, [{name, key}, msg]}})
    end
  end

  def register_name(_, _), do: raise(ArgumentError, "{:via, PartitionSupervisor, _} cannot be given on registration")
  def unregister_name(_), do: raise(ArgumentError, "{:via, PartitionSupervisor, _} cannot be given on registration")
end
