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

  # One function per named sequence, as Elixir defines them.
  def bright, do: "\e[1m"
  def faint, do: "\e[2m"
  def italic, do: "\e[3m"
  def underline, do: "\e[4m"
  def blink_slow, do: "\e[5m"
  def blink_rapid, do: "\e[6m"
  def reverse, do: "\e[7m"
  def inverse, do: "\e[7m"
  def conceal, do: "\e[8m"
  def crossed_out, do: "\e[9m"
  def primary_font, do: "\e[10m"
  def normal, do: "\e[22m"
  def not_italic, do: "\e[23m"
  def no_underline, do: "\e[24m"
  def blink_off, do: "\e[25m"
  def inverse_off, do: "\e[27m"
  def reverse_off, do: "\e[27m"
  def black, do: "\e[30m"
  def red, do: "\e[31m"
  def green, do: "\e[32m"
  def yellow, do: "\e[33m"
  def blue, do: "\e[34m"
  def magenta, do: "\e[35m"
  def cyan, do: "\e[36m"
  def white, do: "\e[37m"
  def default_color, do: "\e[39m"
  def black_background, do: "\e[40m"
  def red_background, do: "\e[41m"
  def green_background, do: "\e[42m"
  def yellow_background, do: "\e[43m"
  def blue_background, do: "\e[44m"
  def magenta_background, do: "\e[45m"
  def cyan_background, do: "\e[46m"
  def white_background, do: "\e[47m"
  def default_background, do: "\e[49m"
  def framed, do: "\e[51m"
  def encircled, do: "\e[52m"
  def overlined, do: "\e[53m"
  def not_framed_encircled, do: "\e[54m"
  def not_overlined, do: "\e[55m"
  def light_black, do: "\e[90m"
  def light_red, do: "\e[91m"
  def light_green, do: "\e[92m"
  def light_yellow, do: "\e[93m"
  def light_blue, do: "\e[94m"
  def light_magenta, do: "\e[95m"
  def light_cyan, do: "\e[96m"
  def light_white, do: "\e[97m"
  def light_black_background, do: "\e[100m"
  def light_red_background, do: "\e[101m"
  def light_green_background, do: "\e[102m"
  def light_yellow_background, do: "\e[103m"
  def light_blue_background, do: "\e[104m"
  def light_magenta_background, do: "\e[105m"
  def light_cyan_background, do: "\e[106m"
  def light_white_background, do: "\e[107m"
  def font_1, do: "\e[11m"
  def font_2, do: "\e[12m"
  def font_3, do: "\e[13m"
  def font_4, do: "\e[14m"
  def font_5, do: "\e[15m"
  def font_6, do: "\e[16m"
  def font_7, do: "\e[17m"
  def font_8, do: "\e[18m"
  def font_9, do: "\e[19m"
  def color(r, g, b) when r in 0..5 and g in 0..5 and b in 0..5, do: color(16 + 36 * r + 6 * g + b)
  def color_background(r, g, b) when r in 0..5 and g in 0..5 and b in 0..5, do: color_background(16 + 36 * r + 6 * g + b)
  def cursor(line, column), do: "\e[#{line};#{column}H"
  def cursor_up(lines \\ 1), do: "\e[#{lines}A"
  def cursor_down(lines \\ 1), do: "\e[#{lines}B"
  def cursor_right(columns \\ 1), do: "\e[#{columns}C"
  def cursor_left(columns \\ 1), do: "\e[#{columns}D"
  def syntax_colors, do: [atom: :cyan, binary: :default_color, boolean: :magenta, charlist: :yellow, list: :default_color, map: :default_color, nil: :magenta, number: :yellow, string: :green, tuple: :default_color, variable: :light_cyan, call: :default_color, operator: :default_color]

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
