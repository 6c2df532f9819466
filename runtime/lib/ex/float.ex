# Float functions written in the language; the rest of Float (round,
# floor, ceil, parse, to_string, ...) is C (lib/float.c).
defmodule Float do
  def max_finite, do: 1.7976931348623157e308
  def min_finite, do: -1.7976931348623157e308

  def pow(base, exponent) when is_float(base) and is_number(exponent), do: :math.pow(base, exponent)

  # The exact fraction of a float: its IEEE 754 parts, mantissa * 2^exp,
  # reduced by the common powers of two.
  def ratio(0.0), do: {0, 1}

  def ratio(float) when is_float(float) do
    <<sign::1, exp::11, mantissa::52>> = <<float::float>>
    {m, e} = if exp == 0, do: {mantissa, -1074}, else: {mantissa + 4_503_599_627_370_496, exp - 1075}
    m = if sign == 1, do: -m, else: m

    if e >= 0 do
      {m * Integer.pow(2, e), 1}
    else
      reduce_ratio(m, -e)
    end
  end

  defp reduce_ratio(m, 0), do: {m, 1}
  defp reduce_ratio(m, e) when rem(m, 2) == 0, do: reduce_ratio(div(m, 2), e - 1)
  defp reduce_ratio(m, e), do: {m, Integer.pow(2, e)}
end
