import Foundation

/// Simulator failures.
public enum SimulatorError: Error, LocalizedError {
  case didNotStart
  case droppedConnection

  public var errorDescription: String? {
    switch self {
    case .didNotStart: "the ThingSpace simulator did not start"
    case .droppedConnection: "connection dropped on purpose"
    }
  }
}
