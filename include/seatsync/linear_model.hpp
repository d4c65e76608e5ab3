#pragma once
// A ridge-penalised generalised linear model on a Table, fitted by IRLS (Newton's method):
// linear regression, logistic regression, and Poisson regression with a log link. With the
// price column in log_columns and task poisson it is a log-log demand model whose price
// coefficient is the price elasticity. It is the transparent baseline next to the Booster.
//
// Design. Every numeric column is standardised with its weighted training mean and standard
// deviation (population, weights normalised to sum 1); NaN and ±inf are imputed with the
// training mean (0 after standardising) and a 0/1 "<name> missing" column is added when any
// training row was missing. Log columns enter as ln(x), with x <= 0 also counting as
// missing. Categorical columns are one-hot encoded over codes 0 … min(n, max_categories) − 1;
// NaN, fractional and other codes give all-zero indicators. Indicator columns are standardised
// too, so the penalty treats every design column alike. A design column with no spread in
// training (sd 0) is dropped: its coefficient is 0.
//
// Objective. With z_i the standardised design row, η_i = b0 + z_iᵀb and μ_i = g⁻¹(η_i), train()
// minimises
//     ½ Σ_i w_i d(y_i, μ_i)  +  ½ l2 ‖b‖²        (the intercept b0 is not penalised)
// where d is the unit deviance: (y − μ)² for regression (identity link), −2[y ln μ + (1 − y)
// ln(1 − μ)] for binary (logit link), 2[y ln(y/μ) − (y − μ)] for poisson (log link), and w_i the
// row weight (1 when Table::weight is empty). The loss is a sum, not a mean, so l2 is on the
// scale of XGBoost's lambda: l2 = 1 weighs about as much as one observation per coefficient
// (negligible on large tables), and doubling every weight halves the penalty's relative
// strength. Duplicating a row and giving it weight 2 are the same thing. l2 is raised to at
// least 1e-10 · Σw so that collinear designs (every level of a categorical plus the intercept)
// stay solvable. For binary and poisson, η is clamped to ±kEtaLimit so exp never overflows.
//
// Fitting. Each Newton step solves the (p+1)×(p+1) penalised normal equations with an LDLT
// factorisation; XᵀWX is accumulated over chunks of rows (the design is never held whole),
// on several threads, with a fixed chunk-to-accumulator assignment so that the result does
// not depend on the thread count. A step that increases the penalised objective is halved.
// With f the objective divided by Σw, iteration stops when a step changes f, or the quadratic
// model predicts that the next one will change it (the Newton decrement), by no more than
// tolerance · (|f| + 0.1); regression takes a single exact step.
//
// Thread safety: the const members may be called from several threads at once.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "seatsync/booster.hpp"  // BoostTask
#include "seatsync/tabular.hpp"

namespace seatsync {

struct LinearParams {
  BoostTask task = BoostTask::regression;  // regression: identity link; binary: logit; poisson: log link
  double l2 = 1.0;                         // ridge penalty on the standardised coefficients (see above)
  std::vector<std::string> log_columns;    // numeric columns that enter as ln(x); x <= 0 or NaN = missing
  int max_iterations = 100;                // Newton steps (step halvings not counted)
  double tolerance = 1e-8;                 // on the relative change of the penalised objective
  std::size_t max_categories = 64;         // one-hot only codes below this; others → all zeros
  int threads = 0;                         // 0 = all cores; the fit is the same for any count
};

// One column of the design matrix: z = (value − mean) / scale.
struct LinearDesignColumn {
  enum class Kind { numeric, log, missing, category };
  std::size_t column = 0;  // source column in the Table
  Kind kind = Kind::numeric;
  int code = -1;  // category only
  double mean = 0.0;
  double scale = 1.0;
  double coefficient = 0.0;  // on z (the standardised scale)
  std::string name;          // "price", "log(price)", "comp_p50 missing", "price_code=A1"
};

class LinearModel {
 public:
  static constexpr double kEtaLimit = 30.0;  // |η| cap for binary and poisson

  // Uses train.weight when non-empty. Throws std::invalid_argument on no rows, mismatched
  // sizes, bad targets (finite; binary 0 or 1; poisson >= 0), bad weights (finite, >= 0, not
  // all 0), bad parameters, unknown log_columns names and categorical log columns.
  static LinearModel train(const Table& train, const LinearParams& params);

  // Mean response per row: the prediction (regression), probability (binary) or expected
  // count (poisson). Never NaN, whatever the features. std::invalid_argument if the table
  // has a different number of columns.
  std::vector<float> predict(const Table& table) const;
  // One row of feature_count() floats (NaN = missing); equal to predict() for that row.
  float predict_row(const float* row) const;

  // JSON: {"format":"seatsync-linear","version":1,"task","l2","columns":[{name, categorical,
  // categories, log}],"design":[{column (index), name, kind (numeric|log|missing-indicator|
  // category), code (category only), mean, scale}],"intercept","coefficients"} with the
  // coefficients on the standardised scale, in design order. Loading reproduces predictions exactly.
  std::string save_to_bytes() const;
  // std::runtime_error with a message on invalid JSON or a model that is not one of these.
  static LinearModel load_from_bytes(const std::string& bytes);

  // Coefficient of a numeric or log column on its original (unstandardised) scale: per unit
  // of x, or per unit of ln x for a log column — in a poisson model that is the elasticity
  // d ln E[y] / d ln x. 0 for a column dropped for having no spread. std::invalid_argument
  // for unknown and categorical columns.
  double coefficient(const std::string& column) const;
  // (design column name, |standardised coefficient|), highest first (ties in design order).
  std::vector<std::pair<std::string, double>> importance() const;

  std::size_t feature_count() const { return columns_.size(); }
  BoostTask task() const { return task_; }
  double intercept() const { return intercept_; }  // on the standardised scale
  const std::vector<LinearDesignColumn>& design() const { return design_; }
  // Writes the design().size() standardised values of one row of feature_count() floats.
  void encode_row(const float* row, double* out) const;

 private:
  // How one source column maps to its design columns (derived from design_, not saved).
  struct Source {
    int value = -1, missing = -1;        // design indices, -1 = none
    double mean = 0.0, inv_scale = 0.0;  // of the value column
    double missing_off = 0.0, missing_on = 0.0;
    std::vector<int> codes;                 // category code → design index or -1
    std::vector<double> code_off, code_on;  // per code
  };
  void index_design();  // builds sources_; std::invalid_argument on an inconsistent design
  double linear_predictor(const float* row, double* buffer) const;
  float mean_response(double eta) const;

  BoostTask task_ = BoostTask::regression;
  double l2_ = 0.0;
  std::vector<FeatureColumn> columns_;
  std::vector<bool> log_;  // per column: enters as ln(x)
  std::vector<LinearDesignColumn> design_;
  double intercept_ = 0.0;
  std::vector<Source> sources_;
};

}  // namespace seatsync
