/// How a night was compared with the one before it, fastest first; the log and the tests say
/// which one ran.
public enum HistoryComparison: String, Sendable {
  /// While collecting, each device's id and digest against last night's device index.
  case fedWhileCollecting = "fed while collecting"
  /// After collecting, the spool against last night's device index.
  case deviceIndex = "device index"
  /// After collecting, the spool against every stored device (last night has no index, tonight's
  /// ids are not all plain numbers, or the same night is run again).
  case rowByRow = "row by row"
  /// Nothing to compare with: the first night of the account and filter.
  case firstNight = "first night"
}
