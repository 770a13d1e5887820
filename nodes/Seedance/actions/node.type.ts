/** The resource/operation pairs of the Seedance node. */
export type SeedanceResource = 'video';
export type SeedanceOperation = 'create' | 'createAndWait' | 'get' | 'cancel' | 'getAll';
