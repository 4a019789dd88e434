/** The methods a Path Item may hold operations under (OAS 3.1 §4.8.9), in spec order. */
export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
