# The functional half of :rand (seed_s, uniform_s, uniform_real_s,
# normal_s), over the C builtins of lib/rand.c: those keep the state in
# the process dictionary under :rand_seed, so a *_s call puts the given
# state there, draws, takes the new state and puts the caller's back.
# The state is mote's {:exsss, [s0 | s1]}, not OTP's {AlgHandler, ...},
# but the numbers drawn are OTP's.
defmodule :rand do
  def seed_s(alg, seed), do: with_state(nil, fn -> :rand.seed(alg, seed) end) |> elem(1)

  def seed_s(alg) when is_atom(alg), do: with_state(nil, fn -> :rand.seed(alg) end) |> elem(1)
  def seed_s(state), do: state

  def uniform_s(state), do: with_state(state, fn -> :rand.uniform() end)
  def uniform_s(n, state), do: with_state(state, fn -> :rand.uniform(n) end)
  def uniform_real_s(state), do: with_state(state, fn -> :rand.uniform_real() end)
  def normal_s(state), do: with_state(state, fn -> :rand.normal() end)
  def export_seed_s(state), do: state

  # Runs draw with state as the process's generator state (nil: none);
  # returns {result, the state after} and leaves the old state in place.
  defp with_state(state, draw) do
    old = Process.get(:rand_seed)
    if state == nil, do: Process.delete(:rand_seed), else: Process.put(:rand_seed, state)
    value = draw.()
    after_state = Process.get(:rand_seed)
    if old == nil, do: Process.delete(:rand_seed), else: Process.put(:rand_seed, old)
    {value, after_state}
  end
end
