/**
 * The multi-task network of Gong et al. (2023) for applications: {@link dev.ich.model.IchModel}
 * (load a model directory, predict volume and prognosis), {@link dev.ich.model.NetworkConfig}
 * (architecture presets) and the value types of predictions. No DJL type appears in this API.
 */
package dev.ich.model;
