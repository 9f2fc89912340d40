import FOTAModel

/// The devices that fall in every group together: the same make, model, firmware, client type,
/// status, eligibility, license and upgrade-age bucket. ``FleetAggregator`` counts each device in
/// its cell and folds the cells into every grouping of the reports.
struct AggregationCell: Hashable, Sendable {
  var make: String
  var model: String
  var firmware: String
  var clientType: String
  var status: String
  var fotaEligible: Bool
  var licenseAssigned: Bool
  var bucket: UpgradeAgeBucket

  /// The cell of `device` in a report as of `asOf`.
  init(_ device: Device, asOf: Int64) {
    make = device.make
    model = device.model
    firmware = device.firmware
    clientType = device.clientType
    status = device.status
    fotaEligible = device.fotaEligible
    licenseAssigned = device.licenseAssigned
    bucket = UpgradeAgeBucket(device.upgrade, asOf: asOf)
  }

  var readiness: Readiness {
    Readiness(fotaEligible: fotaEligible, licenseAssigned: licenseAssigned)
  }
}
