# Task: a process that runs one function and reports its result, with
# Elixir 1.14's semantics.
#
# The owner monitors the task and the task tags its reply with that
# monitor's ref ({ref, result}), so callers that match task.ref in
# handle_info work as in Elixir; as in 1.14, the :DOWN (:normal) of a
# finished task still arrives unless await/yield/shutdown flushed it. The
# task learns the ref from a first message ({:"$mote_task", ref}) because
# the monitor can only be taken after the spawn.
defmodule Task do
  defstruct [:mfa, :owner, :pid, :ref]

  def __mote_child_spec__(mod, arg, opts) do
    Supervisor.child_spec(%{id: mod, start: {mod, :start_link, [arg]}, restart: :temporary}, opts)
  end

  def child_spec(arg), do: %{id: Task, restart: :temporary, start: {Task, :start_link, [arg]}}

  # ---- starting ---------------------------------------------------------

  def async(fun) when is_function(fun, 0), do: async(:erlang, :apply, [fun, []])

  def async(m, f, a) when is_atom(m) and is_atom(f) and is_list(a) do
    owner = self()
    pid = spawn_link(fn -> task_main(owner, callers(), {m, f, a}, :reply) end)
    attach(pid, owner, {m, f, a})
  end

  # The owner's half of starting a replying task: monitor, hand over the
  # ref, build the struct. Task.Supervisor uses it too.
  @doc false
  def attach(pid, owner, {m, f, a} = mfa) do
    ref = Process.monitor(pid)
    send(pid, {:"$mote_task", ref})
    %Task{mfa: shown_mfa(mfa, m, f, a), owner: owner, pid: pid, ref: ref}
  end

  defp shown_mfa(_mfa, :erlang, :apply, [fun, []]) when is_function(fun) do
    {:erlang, :apply, 2}
  end

  defp shown_mfa(_mfa, m, f, a), do: {m, f, length(a)}

  def start(fun) when is_function(fun, 0), do: start(:erlang, :apply, [fun, []])

  def start(m, f, a) do
    owner = self()
    {:ok, spawn(fn -> task_main(owner, callers(), {m, f, a}, :noreply) end)}
  end

  def start_link(fun) when is_function(fun, 0), do: start_link(:erlang, :apply, [fun, []])

  def start_link(m, f, a) do
    owner = self()
    {:ok, spawn_link(fn -> task_main(owner, callers(), {m, f, a}, :noreply) end)}
  end

  # The $callers list a task started from here records (also Task.Supervisor's).
  @doc false
  def callers do
    case Process.get(:"$callers") do
      nil -> [self()]
      list -> [self() | list]
    end
  end

  # The task's body. A raise or an abnormal exit is reported on stderr (as
  # Logger reports a crashed task) and becomes the task's exit reason.
  @doc false
  def task_main(owner, callers, {m, f, a} = mfa, mode) do
    Process.put(:"$callers", callers)
    # The observer's initial call: the task's function, as Elixir records it.
    case mfa do
      {:erlang, :apply, [fun, _]} when is_function(fun) -> :mote.set_initial_call(fun)
      _ -> :mote.set_initial_call(m, f, length(a))
    end

    ref =
      if mode == :reply do
        receive do
          {:"$mote_task", ref} -> ref
        end
      end

    result =
      try do
        {:ok, apply(m, f, a)}
      catch
        :error, e -> {:crash, {e, __STACKTRACE__}, e, __STACKTRACE__}
        :exit, r -> {:crash, r, nil, nil}
        :throw, v -> {:crash, {{:nocatch, v}, __STACKTRACE__}, nil, nil}
      end

    case result do
      {:ok, value} ->
        if mode == :reply, do: send(owner, {ref, value})
        :ok

      {:crash, reason, _e, _st} ->
        crash_report(owner, mfa, reason)
        exit(reason)
    end
  end

  defp crash_report(owner, {m, f, a}, reason) do
    unless GenServer.normal_reason?(reason) do
      {fun_text, args_text} =
        case {m, f, a} do
          {:erlang, :apply, [fun, args]} -> {inspect(fun), inspect(args)}
          _ -> {"&#{inspect(m)}.#{f}/#{length(a)}", inspect(a)}
        end

      GenServer.report(
        "Task #{inspect(self())} started from #{inspect(owner)} terminating\n" <>
          GenServer.format_reason(reason) <>
          "\nFunction: #{fun_text}\n    Args: #{args_text}"
      )
    end
  end

  # ---- waiting ----------------------------------------------------------

  def await(task, timeout \\ 5000)

  def await(%Task{owner: owner} = task, timeout) do
    check_owner(task, owner)
    # The observer shows whom we wait on (deadlock detection).
    if is_pid(task.pid), do: :mote.set_waiting_on(task.pid)
    result = GenServer.await_reply(task.ref, timeout)
    :mote.set_waiting_on(nil)

    case result do
      {:ok, reply} -> reply
      {:exit, reason} -> exit({reason, {Task, :await, [task, timeout]}})
    end
  end

  defp check_owner(task, owner) do
    if owner != self() do
      raise ArgumentError,
            "task #{inspect(task)} must be queried from the owner but was queried from #{inspect(self())}"
    end
  end

  def await_many(tasks, timeout \\ 5000) when is_list(tasks) do
    Enum.each(tasks, &check_owner(&1, &1.owner))
    deadline = deadline(timeout)
    refs = Map.new(tasks, &{&1.ref, :pending})
    refs = await_loop(tasks, timeout, deadline, refs, map_size(refs))
    Enum.map(tasks, &Map.fetch!(refs, &1.ref))
  end

  defp await_loop(_tasks, _timeout, _deadline, refs, 0), do: refs

  defp await_loop(tasks, timeout, deadline, refs, left) do
    receive do
      {ref, reply} when is_reference(ref) and :erlang.is_map_key(ref, refs) ->
        if Map.fetch!(refs, ref) == :pending do
          Process.demonitor(ref, [:flush])
          await_loop(tasks, timeout, deadline, Map.put(refs, ref, reply), left - 1)
        else
          await_loop(tasks, timeout, deadline, refs, left)
        end

      {:DOWN, ref, _, _, reason} when is_reference(ref) and :erlang.is_map_key(ref, refs) ->
        exit({reason, {Task, :await_many, [tasks, timeout]}})
    after
      remaining(deadline) ->
        Enum.each(tasks, &Process.demonitor(&1.ref, [:flush]))
        exit({:timeout, {Task, :await_many, [tasks, timeout]}})
    end
  end

  defp deadline(:infinity), do: :infinity
  defp deadline(ms), do: System.monotonic_time(:millisecond) + ms

  defp remaining(:infinity), do: :infinity
  defp remaining(deadline), do: max(deadline - System.monotonic_time(:millisecond), 0)

  def yield(%Task{} = task, timeout \\ 5000) do
    check_owner(task, task.owner)
    ref = task.ref

    receive do
      {^ref, reply} ->
        Process.demonitor(ref, [:flush])
        {:ok, reply}

      {:DOWN, ^ref, _, _, reason} ->
        {:exit, reason}
    after
      timeout -> nil
    end
  end

  def yield_many(tasks, timeout \\ 5000) when is_list(tasks) do
    Enum.each(tasks, &check_owner(&1, &1.owner))
    deadline = deadline(timeout)
    results = yield_loop(deadline, Map.new(tasks, &{&1.ref, nil}), length(tasks))
    Enum.map(tasks, &{&1, Map.fetch!(results, &1.ref)})
  end

  defp yield_loop(_deadline, results, 0), do: results

  defp yield_loop(deadline, results, left) do
    receive do
      {ref, reply} when is_reference(ref) and :erlang.is_map_key(ref, results) ->
        Process.demonitor(ref, [:flush])
        yield_loop(deadline, Map.put(results, ref, {:ok, reply}), left - 1)

      {:DOWN, ref, _, _, reason} when is_reference(ref) and :erlang.is_map_key(ref, results) ->
        yield_loop(deadline, Map.put(results, ref, {:exit, reason}), left - 1)
    after
      remaining(deadline) -> results
    end
  end

  # ---- shutting down ----------------------------------------------------

  def shutdown(task, shutdown \\ 5000)

  def shutdown(%Task{pid: nil}, _shutdown) do
    raise ArgumentError, "task without a pid cannot be shut down"
  end

  def shutdown(%Task{} = task, shutdown) do
    check_owner(task, task.owner)
    Process.unlink(task.pid)

    {type, timeout} =
      if shutdown == :brutal_kill, do: {:brutal_kill, :infinity}, else: {:shutdown, shutdown}

    Process.exit(task.pid, if(type == :brutal_kill, do: :kill, else: :shutdown))
    flush_exit(task.pid)
    shutdown_receive(task, type, timeout)
  end

  defp flush_exit(pid) do
    receive do
      {:EXIT, ^pid, _} -> :ok
    after
      0 -> :ok
    end
  end

  # nil when the task was stopped by us before it answered, {:ok, reply}
  # when its answer had arrived, {:exit, reason} when it died on its own.
  defp shutdown_receive(%Task{ref: ref} = task, type, timeout) do
    receive do
      {:DOWN, ^ref, _, _, reason} ->
        case flush_reply(ref) do
          nil -> if ours?(reason, type), do: nil, else: {:exit, reason}
          reply -> reply
        end
    after
      timeout ->
        Process.exit(task.pid, :kill)
        shutdown_receive(task, :timeout_kill, :infinity)
    end
  end

  defp ours?(:shutdown, type), do: type in [:shutdown, :timeout_kill]
  defp ours?(:killed, type), do: type in [:brutal_kill, :timeout_kill]
  defp ours?(:noproc, _type), do: false
  defp ours?(_reason, _type), do: false

  defp flush_reply(ref) do
    receive do
      {^ref, reply} -> {:ok, reply}
    after
      0 -> nil
    end
  end

  def ignore(%Task{ref: ref} = task) do
    check_owner(task, task.owner)
    Process.unlink(task.pid)

    case flush_reply(ref) do
      nil ->
        receive do
          {:DOWN, ^ref, _, _, reason} -> {:exit, reason}
        after
          0 ->
            Process.demonitor(ref, [:flush])
            nil
        end

      reply ->
        Process.demonitor(ref, [:flush])
        reply
    end
  end

  # A task already done: its "reply" is sent to ourselves, so await and
  # yield answer at once.
  def completed(result) do
    ref = make_ref()
    send(self(), {ref, result})
    %Task{mfa: {Task, :completed, 1}, owner: self(), pid: nil, ref: ref}
  end

  # ---- async_stream -----------------------------------------------------

  def async_stream(enum, fun, opts \\ []) when is_function(fun, 1) do
    Task.Stream.build(enum, {:fun, fun}, opts, :link, nil)
  end

  def async_stream(enum, m, f, a, opts \\ []) when is_atom(m) and is_atom(f) and is_list(a) do
    Task.Stream.build(enum, {:mfa, m, f, a}, opts, :link, nil)
  end
end

# Task.async_stream's engine: a Stream.resource that keeps at most
# max_concurrency tasks running, pulls the input one element at a time
# (a suspended reduce, so an infinite input works), and emits results in
# input order (ordered: true, buffering early finishers) or as they come.
# Each task has its own deadline, counted from its start.
defmodule Task.Stream do
  @doc false
  def build(enum, fun, opts, link, sup) do
    max = Keyword.get(opts, :max_concurrency, System.schedulers_online())

    unless is_integer(max) and max > 0 do
      raise ArgumentError, ":max_concurrency must be an integer greater than zero"
    end

    cfg = %{
      fun: fun,
      max: max,
      ordered: Keyword.get(opts, :ordered, true),
      timeout: Keyword.get(opts, :timeout, 5000),
      on_timeout: Keyword.get(opts, :on_timeout, :exit),
      zip: Keyword.get(opts, :zip_input_on_exit, false),
      link: link,
      sup: sup,
      shutdown: Keyword.get(opts, :shutdown, 5000)
    }

    Stream.resource(fn -> start(enum, cfg) end, &step/1, &stop/1)
  end

  defp start(enum, cfg) do
    input = pull(Enumerable.reduce(enum, {:cont, nil}, fn x, _ -> {:suspend, x} end))
    Map.merge(cfg, %{input: input, running: %{}, done: %{}, arrived: [], next_in: 0, next_out: 0})
  end

  defp pull({:suspended, x, cont}), do: {:item, x, cont}
  defp pull(_), do: :done

  defp step(s) do
    s = fill(s)

    cond do
      s.ordered and Map.has_key?(s.done, s.next_out) ->
        emit_ordered(s, [])

      not s.ordered and s.arrived != [] ->
        {Enum.reverse(s.arrived), %{s | arrived: []}}

      map_size(s.running) == 0 and s.input == :done ->
        {:halt, s}

      true ->
        step(wait(s))
    end
  end

  defp emit_ordered(s, acc) do
    case Map.fetch(s.done, s.next_out) do
      {:ok, r} -> emit_ordered(%{s | done: Map.delete(s.done, s.next_out), next_out: s.next_out + 1}, [r | acc])
      :error -> {Enum.reverse(acc), s}
    end
  end

  defp fill(%{input: {:item, x, cont}} = s) do
    if map_size(s.running) < s.max do
      task = spawn_task(s, x)
      entry = {s.next_in, x, task, deadline(s.timeout)}
      s = %{s | running: Map.put(s.running, task.ref, entry), next_in: s.next_in + 1}
      fill(%{s | input: pull(cont.({:cont, nil}))})
    else
      s
    end
  end

  defp fill(s), do: s

  defp spawn_task(s, x) do
    {m, f, a} =
      case s.fun do
        {:fun, fun} -> {:erlang, :apply, [fun, [x]]}
        {:mfa, m, f, a} -> {m, f, [x | a]}
      end

    if s.sup == nil do
      Task.async(m, f, a)
    else
      Task.Supervisor.start_task(s.sup, s.link, {m, f, a}, s.shutdown)
    end
  end

  defp deadline(:infinity), do: :infinity
  defp deadline(ms), do: System.monotonic_time(:millisecond) + ms

  defp next_deadline(running) do
    Enum.reduce(running, :infinity, fn {_ref, {_, _, _, d}}, acc ->
      cond do
        d == :infinity -> acc
        acc == :infinity -> d
        true -> min(d, acc)
      end
    end)
  end

  defp wait(s) do
    running = s.running
    d = next_deadline(running)
    wait_ms = if d == :infinity, do: :infinity, else: max(d - System.monotonic_time(:millisecond), 0)

    receive do
      {ref, value} when is_reference(ref) and :erlang.is_map_key(ref, running) ->
        Process.demonitor(ref, [:flush])
        forget(Map.fetch!(running, ref))
        finish(s, ref, {:ok, value})

      {:DOWN, ref, _, _, reason} when :erlang.is_map_key(ref, running) ->
        {_, x, _, _} = entry = Map.fetch!(running, ref)
        forget(entry)
        finish(s, ref, {:exit, if(s.zip, do: {x, reason}, else: reason)})
    after
      wait_ms -> expire(s)
    end
  end

  # As in Elixir, a caller that traps exits finds no {:EXIT, task, _} of
  # the stream's tasks in its mailbox: the link is dropped once the task is
  # done (after unlink no more of its exits arrive), and one already
  # delivered is taken out. A task that dies abnormally still takes a
  # caller that does not trap exits down with it.
  defp forget({_, _, task, _}) do
    Process.unlink(task.pid)

    receive do
      {:EXIT, pid, _} when pid == task.pid -> :ok
    after
      0 -> :ok
    end
  end

  defp finish(s, ref, result) do
    {{idx, _, _, _}, running} = Map.pop(s.running, ref)
    s = %{s | running: running}

    if s.ordered,
      do: %{s | done: Map.put(s.done, idx, result)},
      else: %{s | arrived: [result | s.arrived]}
  end

  defp expire(s) do
    now = System.monotonic_time(:millisecond)
    late = Enum.filter(s.running, fn {_, {_, _, _, d}} -> d != :infinity and d <= now end)

    if s.on_timeout == :kill_task do
      Enum.reduce(late, s, fn {ref, {_, x, task, _}}, acc ->
        kill(task)
        finish(acc, ref, {:exit, if(s.zip, do: {x, :timeout}, else: :timeout)})
      end)
    else
      stop(s)
      exit({:timeout, {Task.Supervised, :stream, [s.timeout]}})
    end
  end

  defp kill(task) do
    Process.unlink(task.pid)
    Process.exit(task.pid, :kill)
    Process.demonitor(task.ref, [:flush])

    receive do
      {:EXIT, pid, _} when pid == task.pid -> :ok
    after
      0 -> :ok
    end
  end

  # Runs when the consumer finishes or halts early: the tasks still
  # running are killed and the input is told to halt.
  defp stop(s) do
    Enum.each(s.running, fn {_, {_, _, task, _}} -> kill(task) end)

    case s.input do
      {:item, _, cont} -> cont.({:halt, nil})
      _ -> :ok
    end

    :ok
  end
end
