/**
 * The breathing patterns a pause can lead (`--breath`, the `breath` setting): a file of
 * its own, so `attach --help` reads it without the settings' code.
 */
export const BREATHS = ['box', '478', 'coherent', 'none'] as const;
