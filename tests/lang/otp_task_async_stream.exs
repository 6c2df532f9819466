# Task.async_stream keeps at most max_concurrency tasks running, emits in
# input order unless ordered: false, and handles tasks that run out of
# time per on_timeout. A gate process decides when each task may finish,
# so nothing here depends on timing.
defmodule Gate do
  # Lets a task finish only once `bound` tasks (or all that are left) run
  # at the same time, and records the most that ever ran at once.
  def start(total, bound) do
    spawn(fn -> loop(%{total: total, bound: bound, started: 0, running: 0, max: 0, waiting: []}) end)
  end

  defp loop(s) do
    receive do
      {:start, pid} ->
        running = s.running + 1
        s = %{s | started: s.started + 1, running: running, max: max(s.max, running), waiting: s.waiting ++ [pid]}
        loop(release(s))

      :done ->
        loop(release(%{s | running: s.running - 1}))

      {:max, from} ->
        send(from, {:max, s.max})
    end
  end

  defp release(%{waiting: [pid | rest]} = s) do
    if s.running >= min(s.bound, s.running + s.total - s.started) do
      send(pid, :go)
      %{s | waiting: rest}
    else
      s
    end
  end

  defp release(s), do: s

  def pass(gate, x) do
    send(gate, {:start, self()})
    receive do: (:go -> :ok)
    send(gate, :done)
    x * 10
  end
end

gate = Gate.start(8, 2)
r = 1..8 |> Task.async_stream(&Gate.pass(gate, &1), max_concurrency: 2) |> Enum.to_list()
IO.inspect(r)
send(gate, {:max, self()})
receive do: ({:max, m} -> IO.inspect({:most_at_once, m}))

# Released in reverse order, the next one only after the consumer saw
# the previous result: ordered: false yields them as they finish, the
# default keeps the input order.
order = fn parent ->
  fn x ->
    send(parent, {:waiting, x, self()})
    receive do: (:go -> x)
  end
end

releaser = fn n, wait_consumed ->
  waiting = for _ <- 1..n, do: receive(do: ({:waiting, x, pid} -> {x, pid}))

  for {x, pid} <- Enum.sort(waiting, :desc) do
    send(pid, :go)
    if wait_consumed, do: receive(do: ({:consumed, ^x} -> :ok))
  end
end

me = self()
seen = fn {:ok, x} -> send(me, {:consumed, x}) end
t = Task.async(fn -> [1, 2, 3] |> Task.async_stream(order.(me), ordered: false, max_concurrency: 3) |> Stream.each(seen) |> Enum.map(fn {:ok, x} -> x end) end)
releaser.(3, true)
IO.inspect({:unordered, Task.await(t)})
t = Task.async(fn -> [1, 2, 3] |> Task.async_stream(order.(me), max_concurrency: 3) |> Enum.map(fn {:ok, x} -> x end) end)
releaser.(3, false)
IO.inspect({:ordered, Task.await(t)})

# A task that never finishes: killed and reported, or the caller exits.
block = fn
  :never -> Process.sleep(:infinity)
  x -> x
end

IO.inspect([1, :never, 3] |> Task.async_stream(block, timeout: 500, on_timeout: :kill_task) |> Enum.to_list())
IO.inspect([1, :never] |> Task.async_stream(block, timeout: 500, on_timeout: :kill_task, zip_input_on_exit: true) |> Enum.to_list())

try do
  [:never] |> Task.async_stream(block, timeout: 300) |> Enum.to_list()
catch
  :exit, reason -> IO.inspect(reason)
end

# Lazy: only as much input is consumed as the consumer takes.
IO.inspect(Stream.iterate(1, &(&1 + 1)) |> Task.async_stream(&(&1 * &1), max_concurrency: 3) |> Enum.take(5))
IO.inspect(Task.async_stream([1, 2], Kernel, :+, [100]) |> Enum.to_list())

# expect: [ok: 10, ok: 20, ok: 30, ok: 40, ok: 50, ok: 60, ok: 70, ok: 80]
# expect: {:most_at_once, 2}
# expect: {:unordered, [3, 2, 1]}
# expect: {:ordered, [1, 2, 3]}
# expect: [ok: 1, exit: :timeout, ok: 3]
# expect: [ok: 1, exit: {:never, :timeout}]
# expect: {:timeout, {Task.Supervised, :stream, [300]}}
# expect: [ok: 1, ok: 4, ok: 9, ok: 16, ok: 25]
# expect: [ok: 101, ok: 102]
