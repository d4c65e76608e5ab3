#include "report/page_style.hpp"

namespace seatsync::render {

std::string_view base_css() {
  return R"(:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       margin: 24px 32px; color: #1d1d1f; background: #ffffff; line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.65rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .6rem; }
p { max-width: 60rem; }
.meta { color: #555555; margin: 0 0 1.2rem; }
.note { color: #555555; font-size: .9rem; }
a { color: #0b5cad; }
table { border-collapse: separate; border-spacing: 0; font-size: .9rem; margin: .4rem 0 1rem; }
th, td { padding: 5px 10px; text-align: right; white-space: nowrap; border-bottom: 1px solid #e3e3e3; }
th { font-weight: 600; }
thead th { background: #f1f3f5; border-bottom: 2px solid #b8bcc2; vertical-align: bottom;
           position: sticky; top: 0; z-index: 2; }
td { font-variant-numeric: tabular-nums; }
.text { text-align: left; }
nav.toc ul { columns: 26rem; padding-left: 1.2rem; }
@media print {
  body { margin: 0; font-size: 10pt; }
  thead th { position: static; }
  nav.toc { display: none; }
  section.game { break-before: page; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)";
}

std::string_view guide_css() {
  // Text: green up, red down, deeper for bigger changes (m1 < half the "large" threshold, m2
  // below it, m3 at or above). Fill: dark = act on it, light = worth knowing, none = direction
  // only. The ▲/▼ in the text carries the direction for readers who cannot tell red from green.
  return R"(td.change { text-align: center; min-width: 7.2rem; }
td.change .chg { display: block; font-weight: 600; }
td.change .rec { display: block; font-size: .8rem; }
.up.m1 { color: #3d7a4a; } .up.m2 { color: #22703a; } .up.m3 { color: #10511f; }
.down.m1 { color: #b04a44; } .down.m2 { color: #a8281f; } .down.m3 { color: #7d1410; }
.flat { color: #6b6b6b; }
td.fill-light.up { background-color: #d8f0dd; }
td.fill-light.down { background-color: #fadcd9; }
td.fill-light.flat { background-color: #eceef1; }
td.fill-dark.up { background-color: #1f7a37; color: #ffffff; }
td.fill-dark.down { background-color: #b3261e; color: #ffffff; }
th.bucket { text-align: center; }
th.bucket .days { display: block; font-weight: 400; font-size: .75rem; color: #555555; }
th.now { background: #e4ecf7; }
table.guide .code { position: sticky; left: 0; z-index: 1; background-color: #ffffff; border-right: 1px solid #d0d0d0; }
table.guide thead .code { z-index: 3; background-color: #f1f3f5; }
table.legend td { white-space: normal; text-align: left; max-width: 30rem; }
table.legend td.change { white-space: nowrap; }
)";
}

}  // namespace seatsync::render
