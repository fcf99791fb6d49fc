package dev.ich.eval.metrics;

/** The volume agreement statistics, with the stable keys used in JSON and CSV outputs. */
public enum VolumeMetric {
    /** Mean absolute error, ml. */
    MAE("mae", "MAE", "ml"),
    /** Mean squared error, ml². */
    MSE("mse", "MSE", "ml²"),
    /** Root mean squared error, ml. */
    RMSE("rmse", "RMSE", "ml"),
    /** Mean absolute percentage error, percent of the true volume. */
    MAPE("mape", "MAPE", "%"),
    /** Mean of predicted − true (the Bland–Altman bias), ml. */
    MEAN_BIAS("mean_bias", "Bias", "ml"),
    /** Sample standard deviation (n − 1) of predicted − true, ml. */
    SD_DIFFERENCE("sd_difference", "SD of difference", "ml"),
    /** Lower Bland–Altman 95 % limit of agreement: bias − 1.96 SD, ml. */
    LOA_LOWER("loa_lower", "LoA lower", "ml"),
    /** Upper Bland–Altman 95 % limit of agreement: bias + 1.96 SD, ml. */
    LOA_UPPER("loa_upper", "LoA upper", "ml"),
    /** Pearson correlation coefficient of true and predicted volume. */
    PEARSON_R("pearson_r", "Pearson r", ""),
    /** Lin's concordance correlation coefficient of true and predicted volume. */
    CCC("ccc", "Lin's CCC", "");

    private final String key;
    private final String label;
    private final String unit;

    VolumeMetric(String key, String label, String unit) {
        this.key = key;
        this.label = label;
        this.unit = unit;
    }

    /** The key in JSON and CSV outputs, e.g. {@code "mape"}. */
    public String key() {
        return key;
    }

    /** A short human-readable name, e.g. {@code "MAPE"}. */
    public String label() {
        return label;
    }

    /** The unit, or an empty string for dimensionless statistics. */
    public String unit() {
        return unit;
    }

    /** This statistic of the cases the accumulator has seen. */
    public double of(VolumeErrorAccumulator acc) {
        switch (this) {
            case MAE:
                return acc.mae();
            case MSE:
                return acc.mse();
            case RMSE:
                return acc.rmse();
            case MAPE:
                return acc.mape();
            case MEAN_BIAS:
                return acc.meanBias();
            case SD_DIFFERENCE:
                return acc.sdDifference();
            case LOA_LOWER:
                return acc.limitsOfAgreement()[0];
            case LOA_UPPER:
                return acc.limitsOfAgreement()[1];
            case PEARSON_R:
                return acc.pearsonR();
            case CCC:
                return acc.concordance();
            default:
                throw new AssertionError(this);
        }
    }
}
