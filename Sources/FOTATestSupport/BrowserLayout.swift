import Foundation

/// Lays a page out in headless Chromium (Debian's `chromium`, installed by
/// `.ci/bootstrap --tests`) at a window width, and reports what a reader would see broken: a page
/// wider than the window, text overflowing its box or leaving the window, chart labels under 10 px
/// or clipped (`Tests/Support/layout_check.js`). Saves a screenshot as a test artifact.
public enum BrowserLayout {
  /// Where screenshots go: `FOTA_TEST_ARTIFACTS`, else `.build/test-artifacts/` of the checkout.
  public static var artifacts: URL {
    if let chosen = ProcessInfo.processInfo.environment["FOTA_TEST_ARTIFACTS"], !chosen.isEmpty {
      return URL(fileURLWithPath: chosen)
    }
    return RepositoryPaths.root.appendingPathComponent(".build/test-artifacts")
  }

  /// The browser.
  public static var chromium: String {
    ProcessInfo.processInfo.environment["FOTA_TEST_CHROMIUM"] ?? "/usr/bin/chromium"
  }

  /// The problems of `page` at `width` px (empty: none), and a screenshot `name`.png
  /// (`height` px tall) in ``artifacts``.
  public static func check(_ page: URL, width: Int, height: Int = 2400, screenshot name: String) async throws
    -> [String]
  {
    try await OffPool.run { try checkBlocking(page, width: width, height: height, screenshot: name) }
  }

  private static func checkBlocking(_ page: URL, width: Int, height: Int, screenshot name: String) throws
    -> [String]
  {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let script = try String(
      contentsOf: HelperProcess.folder.appendingPathComponent("layout_check.js"), encoding: .utf8)
    let html = try String(contentsOf: page, encoding: .utf8)
    let checked = directory.path("checked.html")
    let injected = "<script>\n\(script)\n</script>\n</body>"
    guard let end = html.range(of: "</body>", options: .backwards) else {
      return ["no </body> in \(page.path)"]
    }
    try html.replacingCharacters(in: end, with: injected).write(
      to: checked, atomically: true, encoding: .utf8)
    // Headless Chromium's window is at least 500 px wide: a narrower screen is an iframe of that
    // width, whose document lays out (media queries included) as on that screen.
    let frame = directory.path("frame.html")
    func framePage(_ inner: URL) -> String {
      "<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"\(inner.absoluteString)\" "
        + "style=\"border:0;display:block;width:\(width)px;height:\(height)px\"></iframe></body></html>"
    }
    try framePage(checked).write(to: frame, atomically: true, encoding: .utf8)
    let window = "--window-size=\(max(width, 500)),\(height)"
    let dom = try run(
      [
        window, "--allow-file-access-from-files", "--virtual-time-budget=3000", "--dump-dom",
        frame.absoluteString,
      ],
      profile: directory.path("profile"))
    try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
    let shown = directory.path("shown.html")
    try framePage(page).write(to: shown, atomically: true, encoding: .utf8)
    _ = try run(
      [
        window, "--allow-file-access-from-files",
        "--screenshot=\(artifacts.appendingPathComponent(name + ".png").path)", shown.absoluteString,
      ], profile: directory.path("profile-shot"))
    guard let start = dom.range(of: "<pre id=\"layout-check\">", options: .backwards),
      let stop = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex)
    else { return ["the layout check did not run in \(page.lastPathComponent)"] }
    let json = String(dom[start.upperBound..<stop.lowerBound])
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
      .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    return try JSONDecoder().decode([String].self, from: Data(json.utf8))
  }

  private static func run(_ arguments: [String], profile: URL) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium)
    process.arguments =
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
        "--user-data-dir=\(profile.path)",
      ] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitWithoutSpinning()
    return String(decoding: data, as: UTF8.self)
  }
}
