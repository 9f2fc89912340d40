/// One model's adoption of its newest firmware, night by night.
public struct ModelTrend: Sendable, Equatable {
  /// Devices of the model on one firmware on one night.
  public struct Point: Sendable, Equatable {
    public var night: String
    public var firmware: String
    public var devices: Int
    public var modelDevices: Int

    public init(night: String, firmware: String, devices: Int, modelDevices: Int) {
      self.night = night
      self.firmware = firmware
      self.devices = devices
      self.modelDevices = modelDevices
    }
  }

  /// When the model reaches the target share on its newest firmware.
  public enum Projection: Sendable, Equatable {
    case reached
    case on(night: String)
    case notAtThisPace

    /// `reached`, the date, or `not at this pace`.
    public var text: String {
      switch self {
      case .reached: "reached"
      case .on(let night): night
      case .notAtThisPace: "not at this pace"
      }
    }
  }

  public var model: ModelKey
  /// The firmware most recently upgraded to: the model's newest.
  public var newestFirmware: String
  /// Devices per firmware per night.
  public var points: [Point]
  /// Firmware changes per day over the window.
  public var upgradesPerDay: Double
  public var projection: Projection

  public init(
    model: ModelKey, newestFirmware: String, points: [Point], upgradesPerDay: Double, projection: Projection
  ) {
    self.model = model
    self.newestFirmware = newestFirmware
    self.points = points
    self.upgradesPerDay = upgradesPerDay
    self.projection = projection
  }

  /// The share of the model on its newest firmware, per night, in percent.
  public func newestShare(nights: [String]) -> [Double?] {
    nights.map { night in
      guard let point = points.first(where: { $0.night == night && $0.firmware == newestFirmware }) else {
        return points.contains { $0.night == night } ? 0 : nil
      }
      return point.modelDevices == 0 ? 0 : Double(point.devices) * 100 / Double(point.modelDevices)
    }
  }
}
