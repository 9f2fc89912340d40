/// The makes, models and firmware of the synthetic fleet: skewed mixes and hostile strings.
public enum FleetCatalog {
  /// A model line with its firmware releases, oldest first, and how common each is.
  public struct ModelLine: Sendable {
    public var make: String
    public var model: String
    /// Share of the fleet, as a weight.
    public var weight: Int
    /// Firmware names, oldest first.
    public var firmware: [String]
    /// Weight of each firmware, oldest first.
    public var firmwareWeights: [Int]
    /// Weights of `OMADM` and `LWM2M`.
    public var clientTypeWeights: [Int]
  }

  /// Every model line; the hostile ones exercise escaping in every output.
  public static let lines: [ModelLine] = [
    ModelLine(
      make: "Verizon", model: "Model-A", weight: 300,
      firmware: [
        "VerizonFirmwareVersion-01", "VerizonFirmwareVersion-02", "VerizonFirmwareVersion-03",
        "VerizonFirmwareVersion-04",
      ], firmwareWeights: [5, 15, 30, 50], clientTypeWeights: [9, 1]),
    ModelLine(
      make: "Sierra Wireless", model: "RV50X", weight: 180,
      firmware: ["4.13.0.059", "4.14.0.017", "4.15.1.005"], firmwareWeights: [20, 30, 50],
      clientTypeWeights: [1, 0]),
    ModelLine(
      make: "Telit", model: "LE910C4-NF", weight: 140,
      firmware: ["25.30.226", "25.30.228", "25.30.236"], firmwareWeights: [10, 45, 45],
      clientTypeWeights: [3, 1]),
    ModelLine(
      make: "Quectel", model: "BG96", weight: 120,
      firmware: ["BG96MAR02A07M1G", "BG96MAR02A08M1G", "BG96MAR04A02M1G"],
      firmwareWeights: [40, 35, 25], clientTypeWeights: [1, 1]),
    ModelLine(
      make: "Nordic Semiconductor", model: "nRF9160 DK", weight: 80,
      firmware: ["mfw_nrf9160_1.3.4", "mfw_nrf9160_1.3.5"], firmwareWeights: [30, 70],
      clientTypeWeights: [0, 1]),
    ModelLine(
      make: "u-blox", model: "SARA-R410M", weight: 60,
      firmware: ["L0.0.00.00.05.08", "L0.0.00.00.05.12"], firmwareWeights: [55, 45],
      clientTypeWeights: [1, 2]),
    ModelLine(
      make: "Verizon", model: "Model-B", weight: 40, firmware: ["MB-1.0"],
      firmwareWeights: [1], clientTypeWeights: [1, 0]),
    ModelLine(
      make: "Ünïcødé Gerätebau GmbH", model: "Fühler 3000 — 東京", weight: 40,
      firmware: ["v2.0-β", "v2.1-γ"], firmwareWeights: [50, 50], clientTypeWeights: [1, 1]),
    ModelLine(
      make: "ACME <Labs> & \"Sons\"", model: "=HYPERLINK(\"http://example.invalid\")",
      weight: 25, firmware: ["FW 1.0, <beta> & \"rc\"", "+1.2.3", "-rc2", "@latest"],
      firmwareWeights: [25, 25, 25, 25], clientTypeWeights: [1, 1]),
    ModelLine(
      make: "Comma, Inc.", model: "Multi\nLine 'Model'", weight: 15,
      firmware: ["\tTabbed", "=1+1", "FW\r\nCRLF", "bell\u{07}ctrl</script>"],
      firmwareWeights: [25, 25, 25, 25], clientTypeWeights: [1, 1]),
  ]

  /// Provisioning states and their weights.
  public static let statuses: [(String, Int)] = [
    ("Active", 900), ("Suspended", 50), ("Deactive", 20), ("Pending Resume", 10),
  ]

  /// The lines' weights, in order, drawn from once a device.
  static let lineWeights = lines.map(\.weight)

  /// The statuses' weights, in order.
  static let statusWeights = statuses.map(\.1)
}
