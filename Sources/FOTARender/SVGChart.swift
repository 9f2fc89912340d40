/// Inline SVG charts: no scripts, no external resources, every label escaped.
public enum SVGChart {
  /// One coloured part of a bar.
  public struct Segment: Sendable {
    public var label: String
    public var value: Int
    public var color: String

    public init(label: String, value: Int, color: String) {
      self.label = label
      self.value = value
      self.color = color
    }
  }

  /// One bar: a label and its parts.
  public struct Row: Sendable {
    public var label: String
    public var segments: [Segment]

    public init(label: String, segments: [Segment]) {
      self.label = label
      self.segments = segments
    }

    var total: Int { segments.reduce(0) { $0 + $1.value } }
  }

  static let width = 760
  static let labelWidth = 250
  static let totalWidth = 90
  static let rowHeight = 24

  /// Bars scaled to 100 % each, split into segments, with each row's total at the right.
  public static func stackedBars(_ rows: [Row], title: String) -> String {
    let barWidth = width - labelWidth - totalWidth
    var svg = header(title: title, rows: rows.count)
    for (index, row) in rows.enumerated() {
      let y = index * rowHeight
      svg += label(row.label, y: y)
      var x = 0
      var cumulative = 0
      for segment in row.segments where segment.value > 0 {
        cumulative += segment.value
        let end = row.total == 0 ? 0 : cumulative * barWidth / row.total
        let percent = Figures.percent(segment.value, of: row.total)
        svg +=
          "<rect x=\"\(labelWidth + x)\" y=\"\(y + 3)\" width=\"\(end - x)\" height=\"\(rowHeight - 6)\" fill=\"\(segment.color)\">"
          + "<title>\(HTMLEscaping.escape(row.label)) — \(HTMLEscaping.escape(segment.label)): \(Figures.grouped(segment.value)) (\(percent)%)</title></rect>"
        x = end
      }
      svg += total(Figures.grouped(row.total), y: y)
    }
    return svg + "</svg>"
  }

  /// Simple bars scaled to the largest value.
  public static func bars(_ rows: [(label: String, value: Int)], color: String, title: String)
    -> String
  {
    let barWidth = width - labelWidth - totalWidth
    let largest = max(rows.map(\.value).max() ?? 0, 1)
    let sum = rows.reduce(0) { $0 + $1.value }
    var svg = header(title: title, rows: rows.count)
    for (index, row) in rows.enumerated() {
      let y = index * rowHeight
      let length = row.value * barWidth / largest
      svg += label(row.label, y: y)
      svg +=
        "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(length)\" height=\"\(rowHeight - 6)\" fill=\"\(color)\">"
        + "<title>\(HTMLEscaping.escape(row.label)): \(Figures.grouped(row.value)) (\(Figures.percent(row.value, of: sum))%)</title></rect>"
      svg += total(Figures.grouped(row.value), y: y)
    }
    return svg + "</svg>"
  }

  /// Lines of percentages (0–100) over labelled points in time; a `nil` leaves a gap. `target`
  /// (a percentage) is drawn as a dashed line, labelled.
  public static func lines(
    _ series: [(label: String, values: [Double?], color: String)], xLabels: [String], target: Double? = nil,
    title: String
  ) -> String {
    let height = 260
    let left = 44
    let right = 16
    let top = 12
    let bottom = 34
    let plotWidth = width - left - right
    let plotHeight = height - top - bottom
    func x(_ index: Int) -> Int {
      xLabels.count <= 1 ? left + plotWidth / 2 : left + index * plotWidth / (xLabels.count - 1)
    }
    func y(_ value: Double) -> Int {
      top + Int(((100 - min(max(value, 0), 100)) * Double(plotHeight) / 100).rounded())
    }
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" class=\"chart\">"
      + "<title>\(HTMLEscaping.escape(title))</title>"
    for percent in stride(from: 0, through: 100, by: 25) {
      let lineY = y(Double(percent))
      svg +=
        "<line x1=\"\(left)\" y1=\"\(lineY)\" x2=\"\(width - right)\" y2=\"\(lineY)\" stroke=\"#e4e7eb\"/>"
        + "<text x=\"\(left - 6)\" y=\"\(lineY + 4)\" text-anchor=\"end\">\(percent)%</text>"
    }
    if let target {
      let targetY = y(target)
      svg +=
        "<line x1=\"\(left)\" y1=\"\(targetY)\" x2=\"\(width - right)\" y2=\"\(targetY)\" stroke=\"#c62828\" "
        + "stroke-width=\"1.5\" stroke-dasharray=\"6 4\"><title>target \(Figures.decimal(target))%</title></line>"
        + "<text x=\"\(width - right)\" y=\"\(targetY - 4)\" text-anchor=\"end\" fill=\"#c62828\">"
        + "target \(Figures.decimal(target))%</text>"
    }
    // At most six dates, far enough apart for 10-character labels; the first and last anchored
    // inside the chart so that neither is clipped.
    let step = max(1, (xLabels.count + 5) / 6)
    let shown = xLabels.indices.filter { index in
      index == xLabels.count - 1 || (index % step == 0 && (xLabels.count - 1 - index) >= max(1, step / 2))
    }
    for index in shown {
      let anchor =
        xLabels.count > 1 && index == xLabels.count - 1
        ? "end" : index == 0 && xLabels.count > 1 ? "start" : "middle"
      svg +=
        "<text x=\"\(x(index))\" y=\"\(height - 12)\" text-anchor=\"\(anchor)\">\(HTMLEscaping.escape(xLabels[index]))</text>"
    }
    for line in series {
      let points = line.values.enumerated().compactMap { index, value in value.map { "\(x(index)),\(y($0))" }
      }
      guard !points.isEmpty else { continue }
      let label = HTMLEscaping.escape(line.label)
      if points.count == 1 {
        let coordinates = points[0].split(separator: ",")
        svg +=
          "<circle cx=\"\(coordinates[0])\" cy=\"\(coordinates[1])\" r=\"3\" fill=\"\(line.color)\"><title>\(label)</title></circle>"
      } else {
        svg +=
          "<polyline fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\">"
          + "<title>\(label)</title></polyline>"
      }
    }
    return svg + "</svg>"
  }

  private static func header(title: String, rows: Int) -> String {
    let height = max(rows, 1) * rowHeight
    return
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" class=\"chart\">"
      + "<title>\(HTMLEscaping.escape(title))</title>"
  }

  private static func label(_ text: String, y: Int) -> String {
    "<text x=\"\(labelWidth - 8)\" y=\"\(y + rowHeight / 2 + 4)\" text-anchor=\"end\">\(HTMLEscaping.escape(HTMLEscaping.shortened(text, to: 30)))</text>"
  }

  private static func total(_ text: String, y: Int) -> String {
    "<text x=\"\(width - totalWidth + 8)\" y=\"\(y + rowHeight / 2 + 4)\">\(text)</text>"
  }
}
