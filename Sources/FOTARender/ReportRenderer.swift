/// Turns a ``ReportModel`` into one or more files of a report folder.
public protocol ReportRenderer: Sendable {
  /// Names the renderer in errors and logs.
  var name: String { get }

  /// Writes this renderer's files into `folder`.
  func render(_ report: ReportModel, into folder: ReportFolder) throws
}
