// A small hand-written SVG line chart: panels stacked vertically, each with lines on a left
// axis and optionally a right axis, ticks, a legend and a title.
#pragma once

#include <fmt/core.h>

#include <algorithm>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace autoscale {

struct line {
  std::string name;
  std::string color;
  std::vector<std::pair<double, double>> points;  // (x, y)
  bool right_axis = false;
  bool dashed = false;
};

struct panel {
  std::string title;
  std::string x_label;
  std::string y_label;
  std::string y2_label;  // empty: no right axis
  std::vector<line> lines;
};

namespace chart_detail {
struct range {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void widen(double v) { lo = std::min(lo, v), hi = std::max(hi, v); }
  void pad() {
    if (!(hi > lo)) hi = lo + 1;
    const double m = 0.05 * (hi - lo);
    lo -= m, hi += m;
  }
};
}  // namespace chart_detail

inline std::string render_svg(const std::vector<panel>& panels) {
  const double width = 960, height = 300, left = 70, right = 70, top = 40, bottom = 50;
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" font-family=\"sans-serif\" "
      "font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
      width, height * static_cast<double>(panels.size()));
  for (std::size_t p = 0; p < panels.size(); ++p) {
    const panel& pn = panels[p];
    const double y0 = height * static_cast<double>(p);
    chart_detail::range xs, ys, y2s;
    for (const line& l : pn.lines)
      for (const auto& [x, y] : l.points) xs.widen(x), (l.right_axis ? y2s : ys).widen(y);
    ys.pad();
    y2s.pad();
    const double pw = width - left - right, ph = height - top - bottom;
    auto px = [&](double x) { return left + (x - xs.lo) / (xs.hi - xs.lo) * pw; };
    auto py = [&](double y, const chart_detail::range& r) { return y0 + top + ph - (y - r.lo) / (r.hi - r.lo) * ph; };
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"15\" font-weight=\"bold\">{}</text>\n", left, y0 + 22, pn.title);
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#888\"/>\n", left,
                       y0 + top, pw, ph);
    for (int i = 0; i <= 5; ++i) {  // ticks and grid
      const double f = i / 5.0;
      const double gy = y0 + top + ph - f * ph, gx = left + f * pw;
      out += fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#eee\"/>\n", left, gy, left + pw, gy);
      out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{:.0f}</text>\n", left - 6, gy + 4,
                         ys.lo + f * (ys.hi - ys.lo));
      if (!pn.y2_label.empty())
        out += fmt::format("<text x=\"{}\" y=\"{:.1f}\">{:.0f}</text>\n", left + pw + 6, gy + 4, y2s.lo + f * (y2s.hi - y2s.lo));
      out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{:.0f}</text>\n", gx, y0 + top + ph + 16,
                         xs.lo + f * (xs.hi - xs.lo));
    }
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", left + pw / 2, y0 + height - 10, pn.x_label);
    out += fmt::format("<text transform=\"translate(16 {}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n",
                       y0 + top + ph / 2, pn.y_label);
    if (!pn.y2_label.empty())
      out += fmt::format("<text transform=\"translate({} {}) rotate(90)\" text-anchor=\"middle\">{}</text>\n",
                         width - 14, y0 + top + ph / 2, pn.y2_label);
    double legend_x = left + 10;
    for (const line& l : pn.lines) {
      out += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.4\"{} points=\"", l.color,
                         l.dashed ? " stroke-dasharray=\"5 3\"" : "");
      for (const auto& [x, y] : l.points) out += fmt::format("{:.1f},{:.1f} ", px(x), py(y, l.right_axis ? y2s : ys));
      out += "\"/>\n";
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"3\" fill=\"{}\"/>", legend_x, y0 + top + 10, l.color);
      out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", legend_x + 18, y0 + top + 15, l.name);
      legend_x += 24 + 7.0 * static_cast<double>(l.name.size());
    }
  }
  return out + "</svg>\n";
}

}  // namespace autoscale
