# IO.ANSI: Elixir 1.14's ANSI escape sequences and format/format_fragment,
# which build the same nested chardata Elixir does (an atom adds its
# sequence as an improper tail, other data is appended as [acc, data]).
# mote never writes to a terminal that it has checked, so enabled?/0 is
# false unless the :ansi_enabled application setting says otherwise.
defmodule IO.ANSI do
  @codes %{
    reset: 0, bright: 1, faint: 2, italic: 3, underline: 4, blink_slow: 5, blink_rapid: 6,
    reverse: 7, inverse: 7, conceal: 8, crossed_out: 9, primary_font: 10, normal: 22,
    not_italic: 23, no_underline: 24, blink_off: 25, inverse_off: 27, reverse_off: 27,
    black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37,
    default_color: 39, black_background: 40, red_background: 41, green_background: 42,
    yellow_background: 43, blue_background: 44, magenta_background: 45, cyan_background: 46,
    white_background: 47, default_background: 49, framed: 51, encircled: 52, overlined: 53,
    not_framed_encircled: 54, not_overlined: 55, light_black: 90, light_red: 91,
    light_green: 92, light_yellow: 93, light_blue: 94, light_magenta: 95, light_cyan: 96,
    light_white: 97, light_black_background: 100, light_red_background: 101,
    light_green_background: 102, light_yellow_background: 103, light_blue_background: 104,
    light_magenta_background: 105, light_cyan_background: 106, light_white_background: 107
  }

  def enabled?, do: false
  def reset, do: "\e[0m"
  def clear, do: "\e[2J"
  def home, do: "\e[H"
  def clear_line, do: "\e[2K"
  def color(code) when code in 0..255, do: "\e[38;5;#{code}m"
  def color_background(code) when code in 0..255, do: "\e[48;5;#{code}m"

  def format(ansidata, emit? \\ enabled?()) when is_boolean(emit?), do: fmt(ansidata, [], [], emit?, :maybe)
  def format_fragment(ansidata, emit? \\ enabled?()) when is_boolean(emit?), do: fmt(ansidata, [], [], emit?, false)

  # rem holds what is left of the enclosing lists; append says whether a
  # reset goes at the end (:maybe until a sequence has been written).
  defp fmt([term | rest], rem, acc, emit?, append), do: fmt(term, [rest | rem], acc, emit?, append)
  defp fmt(term, rem, acc, true, append) when is_atom(term) and term != [],
    do: fmt([], rem, [acc | sequence(term)], true, append != false)
  defp fmt(term, rem, acc, false, append) when is_atom(term) and term != [], do: fmt([], rem, acc, false, append)
  defp fmt(term, rem, acc, emit?, append) when not is_list(term), do: fmt([], rem, [acc, term], emit?, append)
  defp fmt([], [next | rest], acc, emit?, append), do: fmt(next, rest, acc, emit?, append)
  defp fmt([], [], acc, true, true), do: [acc | reset()]
  defp fmt([], [], acc, _emit?, _append), do: acc

  defp sequence(:clear), do: clear()
  defp sequence(:home), do: home()
  defp sequence(:clear_line), do: clear_line()

  defp sequence(name) do
    case @codes do
      %{^name => code} -> "\e[#{code}m"
      _ -> raise ArgumentError, "invalid ANSI sequence specification: #{inspect(name)}"
    end
  end
end
