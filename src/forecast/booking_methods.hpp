#pragma once
// The pickup methods, one file each; booking_registry.cpp lists them by name.
#include <optional>

#include "seatsync/booking_curve.hpp"

namespace seatsync::booking_detail {

std::unique_ptr<FittedPickup> fit_additive_pickup(const PickupReference& reference, int days_before);
std::unique_ptr<FittedPickup> fit_multiplicative_pickup(const PickupReference& reference, int days_before);
std::unique_ptr<FittedPickup> fit_advanced_pickup(const PickupReference& reference, int days_before);
std::unique_ptr<FittedPickup> fit_regression_pickup(const PickupReference& reference, int days_before);
std::unique_ptr<FittedPickup> fit_average_pickup(const PickupReference& reference, int days_before);
std::unique_ptr<FittedPickup> fit_combination_pickup(const PickupReference& reference, int days_before);

// How many complete curves remain with `leave_out` dropped; std::invalid_argument below two
// (one curve left out of two still leaves one to learn from).
std::size_t reference_count(const PickupReference& reference, std::optional<std::size_t> leave_out);
void require_reference(const PickupReference& reference, int days_before);

}  // namespace seatsync::booking_detail
