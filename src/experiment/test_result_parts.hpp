#pragma once
// What every two-arm test fills in the same way: the arms' values, the difference and the lift,
// with their intervals, from each arm's estimate and the variance of that estimate.
#include "seatsync/ab_stats.hpp"

namespace seatsync::ab::detail {

// Throws std::invalid_argument unless 0 < alpha < 1 (named `what` in the message).
void check_probability(double value, const char* what);
// z_{1−α/2}: the two-sided critical value of the standard normal.
double normal_critical(double alpha);
// 2·P(Z > |z|); 0 for an infinite z.
double normal_two_sided_p(double z);
// control, variant, difference = variant − control, lift = difference / control, and the
// intervals difference ± critical·√(vc + vv) and, by the delta method on variant / control,
// lift ± critical·√(vv/c² + v²·vc/c⁴). Lift and its interval are NaN when control is 0.
TestResult estimate(double control, double control_var, double variant, double variant_var, double critical);

}  // namespace seatsync::ab::detail
